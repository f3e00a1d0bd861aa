"""B-11.2 through the recover use case: it reads the job, the ticket's status and the journal, then annotates or
resolves through the Incidents port and journals the ticket."""

import pytest

from summit_connector.adapters.memory import FixedClock, InMemoryDailyJobs, InMemoryIncidents, InMemoryJournal
from summit_connector.application.errors import DeliveryFailed, OutboxUnavailable
from summit_connector.application.recover import RecoverJob
from summit_connector.domain.decision import Action
from summit_connector.domain.model import Trigger
from summit_connector.domain.template import Attribute, Recovery, RecoveryAction

from tests.unit.factories import NOW, UnreadableStatusIncidents, make_event, make_job, make_template

TICKET = "1001"
RESOLVE = Recovery(RecoveryAction.RESOLVE, solution="rerun fine", attributes=(Attribute("Closure_Code_Name", "OK"),))
EVENT = make_event(trigger=Trigger.FINISHED_OK)


class Lab:
    def __init__(self, status: str | None = "New", recovery: Recovery = RESOLVE, opened: bool = True,
                 ticket: str = TICKET, incidents: InMemoryIncidents | None = None,
                 journal: InMemoryJournal | None = None) -> None:
        self.daily_jobs = InMemoryDailyJobs([make_job(EVENT, incident_ticket_id=ticket)])
        self.incidents = incidents or InMemoryIncidents()
        if status is not None:
            self.incidents.add_existing(TICKET, status)
        self.journal = journal or InMemoryJournal()
        if opened:
            self.journal.created(self.journal.intend(EVENT, "basic", NOW, EVENT.job_key), TICKET)
        self.recover = RecoverJob(self.daily_jobs, self.incidents, FixedClock(NOW), make_template(recovery=recovery),
                                  job_incidents=self.journal, tracking=self.journal, template_key="basic")


def test_a_ticket_this_connector_opened_is_resolved_through_in_progress():
    lab = Lab()

    outcome = lab.recover(EVENT)

    assert (outcome.action, outcome.ticket_number) == (Action.RESOLVED, TICKET)
    assert [u.status for u in lab.incidents.updates[TICKET]] == ["In-Progress", "Resolved"]
    assert lab.incidents.updates[TICKET][-1].attributes == (("Closure_Code_Name", "OK"),)
    assert lab.incidents.updates[TICKET][-1].solution == "rerun fine"
    assert outcome.view_url.endswith("ID=1001")


def test_a_ticket_the_journal_does_not_show_as_opened_here_is_only_annotated():
    lab = Lab(opened=False)

    outcome = lab.recover(EVENT)

    assert outcome.action is Action.ANNOTATED
    [update] = lab.incidents.updates[TICKET]
    assert (update.status, update.attributes, update.solution) == ("New", (), "")


def test_a_ticket_opened_here_for_another_job_is_only_annotated():
    lab = Lab(opened=False)
    other = make_event(job="JOB002")
    lab.journal.created(lab.journal.intend(other, "basic", NOW, other.job_key), TICKET)

    assert lab.recover(EVENT).action is Action.ANNOTATED


def test_a_status_summit_cannot_read_means_annotate_only():
    incidents = UnreadableStatusIncidents()
    lab = Lab(status=None, incidents=incidents)
    incidents.statuses[TICKET] = "New"

    outcome = lab.recover(EVENT)

    assert outcome.action is Action.ANNOTATED
    assert lab.incidents.updates[TICKET][0].status == ""


def test_a_resolved_ticket_is_left_alone_and_the_outcome_names_it():
    lab = Lab(status="Resolved")

    outcome = lab.recover(EVENT)

    assert (outcome.action, outcome.ticket_number) == (Action.NOTHING, TICKET)
    assert lab.incidents.updates == {}


def test_a_job_without_a_ticket_sends_nothing_and_journals_nothing():
    lab = Lab(ticket="", opened=False)

    outcome = lab.recover(EVENT)

    assert (outcome.action, outcome.ticket_number) == (Action.NOTHING, "")
    assert (lab.incidents.updates, lab.journal.entries) == ({}, [])


def test_the_ticket_touched_is_journaled():
    lab = Lab(opened=False)

    lab.recover(EVENT)

    [entry] = lab.journal.entries
    assert (entry.ticket, entry.event, entry.opened, entry.template) == (TICKET, EVENT, False, "basic")


def test_summit_down_is_a_delivery_failure_without_a_ticket_number_so_the_replay_plans_again():
    lab = Lab()
    lab.incidents.unavailable = "connection refused"

    with pytest.raises(DeliveryFailed) as failed:
        lab.recover(EVENT)

    assert failed.value.ticket_number == ""
    assert "connection refused" in str(failed.value)


def test_plan_sends_nothing():
    lab = Lab()

    decision = lab.recover.plan(EVENT)

    assert decision.action is Action.RESOLVED
    assert lab.incidents.updates == {}


class ReadOnlyJournal(InMemoryJournal):
    def touched(self, *args):
        raise OutboxUnavailable("state store is read-only")


def test_a_journal_that_cannot_record_the_recovery_costs_a_warning_not_the_delivery():
    lab = Lab(opened=False, journal=ReadOnlyJournal())

    outcome = lab.recover(EVENT)

    assert outcome.action is Action.ANNOTATED
    assert outcome.warnings == ("the journal did not record the recovery of incident 1001: state store is read-only",)
