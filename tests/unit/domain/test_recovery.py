"""B-11.2: a recovery does nothing without an open ticket, annotates by default, and resolves only a ticket this
connector opened for the job, through the `via` statuses not yet passed."""

from datetime import datetime

import pytest

from summit_connector.domain.decision import Action, KeptForJob, TicketSource, TicketState
from summit_connector.domain.model import Trigger
from summit_connector.domain.recovery import plan_recovery
from summit_connector.domain.template import Attribute, Recovery, RecoveryAction
from summit_connector.domain.report_inputs import RecoveryInputs, ReportInputs

from tests.unit.factories import NOW, make_event, make_job, make_template, read_as

TICKET = "4711"
RESOLVE = Recovery(RecoveryAction.RESOLVE, via=("In-Progress",), solution="Rerun of @EV_Job succeeded",
                   attributes=(Attribute("Closure_Code_Name", "Successful @EV_Trigger"),))


def recover(status: str | None = "New", recovery: Recovery = Recovery(), opened: tuple[str, ...] = (),
            ticket: str = TICKET, trigger: Trigger = Trigger.FINISHED_OK, **template_fields: object):
    event = make_event(trigger=trigger, termination="0")
    job = make_job(event, incident_ticket_id=ticket)
    inputs = RecoveryInputs(event, job, NOW, ticket_read=read_as(status), opened_tickets=frozenset(opened))
    return plan_recovery(inputs, make_template(recovery=recovery, **template_fields))


def test_a_job_without_a_ticket_needs_nothing():
    decision = recover(ticket="")

    assert (decision.action, decision.steps) == (Action.NOTHING, ())
    assert "no incident ticket" in decision.reason


def test_a_job_opcon_does_not_know_needs_nothing():
    decision = plan_recovery(RecoveryInputs(make_event(trigger=Trigger.FINISHED_OK), None, NOW), make_template())

    assert decision.action is Action.NOTHING
    assert "not found in OpCon" in decision.reason


@pytest.mark.parametrize("status", ["Resolved", "Closed", "Cancelled", "closed"])
def test_a_resolved_closed_or_cancelled_ticket_needs_nothing(status):
    decision = recover(status, RESOLVE, opened=(TICKET,))

    assert (decision.action, decision.steps) == (Action.NOTHING, ())
    assert status in decision.reason


def test_an_open_ticket_is_annotated_by_default_with_when_and_how_the_job_completed():
    decision = recover("Assigned", trigger=Trigger.MARKED_FINISHED_OK)

    assert decision.action is Action.ANNOTATED
    [step] = decision.steps
    assert (step.ticket_number, step.status, step.attributes, step.solution) == (TICKET, "Assigned", (), "")
    for fact in ("JOB001", "Job Marked Finished OK", NOW.isoformat(sep=" ", timespec="seconds")):
        assert fact in step.information


def test_the_template_information_line_replaces_the_default_one():
    decision = recover("New", Recovery(information="@EV_Job: @EV_Trigger at @EV_Time"))

    assert decision.steps[0].information == "JOB001: Job Finished OK at 10:30:00"


def test_action_none_leaves_an_open_ticket_alone():
    decision = recover("New", Recovery(RecoveryAction.NONE), opened=(TICKET,))

    assert (decision.action, decision.steps) == (Action.NOTHING, ())


def test_resolve_passes_through_in_progress_and_sends_closure_attributes_and_solution_with_resolved():
    decision = recover("New", RESOLVE, opened=(TICKET,))

    assert decision.action is Action.RESOLVED
    passing, resolving = decision.steps
    assert (passing.status, passing.attributes, passing.solution) == ("In-Progress", (), "")
    assert "Job Finished OK" in passing.information
    assert resolving.status == "Resolved"
    assert resolving.attributes == (("Closure_Code_Name", "Successful Job Finished OK"),)
    assert resolving.solution == "Rerun of JOB001 succeeded"


def test_a_via_status_already_passed_is_not_sent_again():
    decision = recover("In-Progress", RESOLVE, opened=(TICKET,))

    [resolving] = decision.steps
    assert resolving.status == "Resolved"
    assert "Job Finished OK" in resolving.information


def test_via_is_a_path_and_only_the_statuses_after_the_current_one_are_sent():
    recovery = Recovery(RecoveryAction.RESOLVE, via=("Assigned", "In-Progress"), resolved_status="Resolved")

    decision = recover("Assigned", recovery, opened=(TICKET,))

    assert [step.status for step in decision.steps] == ["In-Progress", "Resolved"]


def test_without_a_solution_the_information_line_is_the_solution():
    decision = recover("In-Progress", Recovery(RecoveryAction.RESOLVE), opened=(TICKET,))

    [resolving] = decision.steps
    assert resolving.solution == resolving.information


def test_a_ticket_this_connector_did_not_open_for_the_job_is_only_annotated():
    decision = recover("New", RESOLVE, opened=("9999",))

    assert decision.action is Action.ANNOTATED
    [step] = decision.steps
    assert (step.status, step.attributes, step.solution) == ("New", (), "")
    assert "annotate only" in decision.reason


def test_a_ticket_whose_status_cannot_be_read_is_only_annotated_and_its_status_left_alone():
    decision = recover(None, RESOLVE, opened=(TICKET,))

    assert (decision.action, decision.state) == (Action.ANNOTATED, TicketState.UNKNOWN)
    [step] = decision.steps
    assert step.status == ""
    assert "could not be read" in decision.reason


def test_the_incident_of_a_kept_failure_not_yet_in_opcon_is_the_one_recovered():
    event = make_event(trigger=Trigger.FIXED)

    inputs = RecoveryInputs(event, make_job(event), NOW, KeptForJob(known_ticket="1001"), read_as("New"),
                            frozenset({"1001"}))
    decision = plan_recovery(inputs, make_template(recovery=RESOLVE))

    assert (decision.action, decision.ticket, decision.source) == (Action.RESOLVED, "1001", TicketSource.KEPT)


def test_the_decision_records_what_it_decided_from():
    decision = recover("Pending", RESOLVE, opened=(TICKET,))

    assert (decision.status, decision.state, decision.opened_here, decision.configured) == (
        "Pending", TicketState.OPEN, True, RecoveryAction.RESOLVE)
    assert decision.now == datetime(2024, 9, 23, 10, 30)
