"""An agent OpCon lost (B-13.4): `agent-down` creates or updates the agent's incident, `agent-up` annotates or
resolves it by the template's `recovery` block."""

from datetime import timedelta

from summit_connector.domain.agent_outage import plan_agent_down, plan_agent_up
from summit_connector.domain.decision import Action, GroupIncident, GroupVerdict
from summit_connector.domain.template import CustomAttribute, Recovery, RecoveryAction, TriggerText

from tests.unit.factories import NOW, attributes, make_settings, make_template

KEY = "agent-down=UNIXAGENT01"
AGENT_DOWN = TriggerText("Agent @EV_Agent down on @EV_Date", "Lost @EV_Agent at @EV_Time [@EV_Job|@EV_ScheduleId]",
                         attributes(Priority_Name="P1"))


def held(status: str | None = "New", ticket: str = "7001") -> GroupIncident:
    return GroupIncident(KEY, ticket, NOW - timedelta(hours=1), status)


def test_agent_down_creates_one_incident_from_the_agent_down_block_with_the_job_placeholders_empty_b_13_4():
    template = make_template(agent_down=AGENT_DOWN, custom_attributes=(CustomAttribute("OpCon", "Where",
                                                                                        "@EV_Agent/@EV_Schedule"),))

    decision = plan_agent_down("UNIXAGENT01", None, template, make_settings(), NOW)

    assert decision.action is Action.CREATED
    assert decision.incident.description == "Agent UNIXAGENT01 down on 2024-09-23"
    assert decision.incident.information == "Lost UNIXAGENT01 at 10:30:00 [|]"
    assert dict(decision.incident.attributes)["Priority_Name"] == "P1"
    assert decision.incident.custom_fields == (CustomAttribute("OpCon", "Where", "UNIXAGENT01/"),)
    assert (decision.group.verdict, decision.group.key) == (GroupVerdict.NEW, KEY)
    assert decision.job is None and decision.write_back is None


def test_agent_down_without_its_block_uses_the_templates_own_text_b_13_4():
    decision = plan_agent_down("UNIXAGENT01", None, make_template(), make_settings(), NOW)

    assert decision.incident.description == "OpCon job  failed"


def test_a_second_agent_down_updates_the_agents_open_incident_b_13_4():
    decision = plan_agent_down("UNIXAGENT01", held("In-Progress"), make_template(), make_settings(), NOW)

    assert (decision.action, decision.ticket_number) == (Action.UPDATED, "7001")
    assert decision.update.status == "In-Progress"
    assert decision.update.information.startswith("OpCon agent UNIXAGENT01 is still down")
    assert decision.incident is None


def test_agent_down_after_the_agents_incident_was_closed_creates_a_new_one_b_13_4():
    decision = plan_agent_down("UNIXAGENT01", held("Closed"), make_template(), make_settings(), NOW)

    assert (decision.action, decision.previous_ticket) == (Action.CREATED, "7001")


def test_agent_up_annotates_the_agents_open_incident_by_default_b_13_4():
    decision = plan_agent_up("UNIXAGENT01", held(), make_template(), NOW)

    assert (decision.action, decision.ticket) == (Action.ANNOTATED, "7001")
    assert [step.information for step in decision.steps] == [
        "OpCon agent UNIXAGENT01 is reachable again (Agent Up at 2024-09-23 10:30:00)."]
    assert decision.job is None


def test_agent_up_resolves_it_when_the_recovery_block_says_so_b_13_4():
    recovery = Recovery(RecoveryAction.RESOLVE, information="@EV_Agent back at @EV_Time@EV_Job",
                        attributes=attributes(Closure_Code_Name="Agent restored"))

    decision = plan_agent_up("UNIXAGENT01", held("New"), make_template(recovery=recovery), NOW)

    assert decision.action is Action.RESOLVED
    assert [(s.status, s.information) for s in decision.steps] == [
        ("In-Progress", "UNIXAGENT01 back at 10:30:00"), ("Resolved", "")]
    assert decision.steps[-1].attributes == (("Closure_Code_Name", "Agent restored"),)


def test_agent_up_sends_nothing_without_an_open_incident_b_13_4():
    nothing = plan_agent_up("UNIXAGENT01", None, make_template(), NOW)
    closed = plan_agent_up("UNIXAGENT01", held("Closed"), make_template(), NOW)

    assert (nothing.action, nothing.steps) == (Action.NOTHING, ())
    assert "no incident is held for agent UNIXAGENT01" in nothing.reason
    assert (closed.action, closed.steps) == (Action.NOTHING, ())
