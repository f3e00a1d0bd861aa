"""B-4.5: an update re-sends Sup_Function, Medium, Source and Caller_EmailID as the ticket holds them (read with its
status), never the routing attributes; nothing is re-sent when the status could not be read."""

from datetime import timedelta

from summit_connector.domain.agent_outage import plan_agent_down, plan_agent_up
from summit_connector.domain.decision import Action, GroupIncident
from summit_connector.domain.grouping import GroupLookup, agent_down_key
from summit_connector.domain.incident import TicketReading, held_to_resend
from summit_connector.domain.plan import plan_report
from summit_connector.domain.recovery import plan_recovery
from summit_connector.domain.template import Grouping, GroupBy, Recovery, RecoveryAction
from summit_connector.domain.report_inputs import RecoveryInputs, ReportInputs

from tests.unit.factories import (
    NOW,
    make_event,
    make_job,
    make_settings,
    make_template,
    plan,
    read_as,
)

HELD = (("Sup_Function", "MSP"), ("Medium", "Phone"), ("Source", "Event Trigger"),
        ("Caller_EmailID", "analyst@example.com"))
TICKET = "4711"


def test_an_open_ticket_update_carries_what_the_ticket_holds_and_no_routing_b_4_5():
    decision = plan(make_job(incident_ticket_id=TICKET, tags=("ROUTE1",)), ticket_status="In-Progress", held=HELD)

    assert decision.action is Action.UPDATED
    assert decision.update.held == HELD
    assert decision.update.attributes == ()
    assert "Assigned_WorkGroup_Name" in dict((a.name, a.value) for a in decision.attributes)


def test_a_reopening_update_carries_what_the_ticket_holds_b_4_5():
    decision = plan(make_job(incident_ticket_id=TICKET), ticket_status="Resolved", held=HELD)

    assert (decision.action, decision.update.held) == (Action.REOPENED, HELD)


def test_the_vendor_fallback_update_re_sends_nothing_when_the_status_could_not_be_read_b_4_5():
    decision = plan(make_job(incident_ticket_id=TICKET), ticket_status=None)

    assert decision.action is Action.REOPENED
    assert decision.update.held == ()


def test_a_reading_without_a_status_has_nothing_to_re_send_b_4_5():
    assert held_to_resend(TicketReading("  ", HELD)) == ()
    assert held_to_resend(None) == ()
    assert held_to_resend(TicketReading("New", HELD)) == HELD


def test_a_closed_ticket_leads_to_a_create_whose_attributes_are_the_templates_b_4_5():
    decision = plan(make_job(incident_ticket_id=TICKET), ticket_status="Closed", held=HELD)

    assert decision.action is Action.CREATED and decision.update is None
    assert ("Medium", "Phone") not in decision.incident.attributes


def test_a_failure_joining_its_groups_incident_re_sends_what_that_incident_holds_b_4_5_b_13_1():
    event = make_event()
    incident = GroupIncident(f"agent={event.agent}", "5001", NOW - timedelta(minutes=5), "In-Progress", held=HELD)
    grouping = Grouping((GroupBy.AGENT,), 60)

    decision = plan_report(ReportInputs(event, make_job(event), NOW, groups=GroupLookup(incident=incident)),
                           make_template(grouping=grouping), make_settings())

    assert (decision.action, decision.update.ticket_number, decision.update.held) == (Action.GROUPED, "5001", HELD)


def test_agent_down_updating_the_agents_incident_re_sends_what_it_holds_b_4_5_b_13_4():
    held = GroupIncident(agent_down_key("AGENT7"), "5002", NOW - timedelta(hours=1), "New", held=HELD)

    decision = plan_agent_down("AGENT7", held, make_template(), make_settings(), NOW)

    assert (decision.action, decision.update.held) == (Action.UPDATED, HELD)


def test_every_recovery_step_re_sends_what_the_ticket_holds_b_4_5_b_11_2():
    event = make_event()
    recovery = Recovery(RecoveryAction.RESOLVE, via=("In-Progress",))

    inputs = RecoveryInputs(event, make_job(event, incident_ticket_id=TICKET), NOW, ticket_read=read_as("New", HELD),
                            opened_tickets=frozenset({TICKET}))
    decision = plan_recovery(inputs, make_template(recovery=recovery))

    assert decision.action is Action.RESOLVED and len(decision.steps) == 2
    assert all(step.held == HELD for step in decision.steps)


def test_a_recovery_that_could_not_read_the_status_annotates_without_held_fields_b_4_5_b_11_2():
    event = make_event()

    decision = plan_recovery(RecoveryInputs(event, make_job(event, incident_ticket_id=TICKET), NOW), make_template())

    assert decision.action is Action.ANNOTATED and decision.steps[0].held == ()


def test_agent_up_re_sends_what_the_agents_incident_holds_b_4_5_b_13_4():
    held = GroupIncident(agent_down_key("AGENT7"), "5002", NOW - timedelta(hours=1), "In-Progress", held=HELD)

    decision = plan_agent_up("AGENT7", held, make_template(), NOW)

    assert decision.steps and all(step.held == HELD for step in decision.steps)
