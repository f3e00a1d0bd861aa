"""B-11.2 with B-9: a recovery that cannot be delivered is kept; it is replayed after the job's earlier kept
entries, and reaches the incident the replay of the job's failure creates."""

import pytest

from summit_connector.adapters.memory import (
    FixedClock,
    InMemoryDailyJobs,
    InMemoryIncidents,
    InMemoryJobLocks,
    InMemoryJobLogs,
    InMemoryJournal,
    InMemoryOutbox,
)
from summit_connector.application.delivery import Delivery, KeptForRetry
from summit_connector.application.ports import KeptState
from summit_connector.application.recover import RecoverJob
from summit_connector.application.report import ReportFailure
from summit_connector.domain.decision import Action
from summit_connector.domain.model import Trigger
from summit_connector.domain.template import Recovery, RecoveryAction

from tests.unit.factories import NOW, make_delivery, make_event, make_job, make_settings, make_template, state_ports

FAILURE = make_event()
RECOVERY = make_event(trigger=Trigger.FINISHED_OK, termination="0")


class Lab:
    def __init__(self) -> None:
        self.daily_jobs = InMemoryDailyJobs([make_job()])
        self.incidents = InMemoryIncidents()
        self.outbox = InMemoryOutbox()
        self.journal = InMemoryJournal()
        self.template = make_template(recovery=Recovery(RecoveryAction.RESOLVE))
        self.delivery = make_delivery(self.report_for, self.outbox, InMemoryJobLocks(), FixedClock(NOW), self.journal,
                                      self.recover_for)

    def report_for(self, template: str) -> ReportFailure:
        return ReportFailure(self.daily_jobs, self.incidents, InMemoryJobLogs(), FixedClock(NOW), self.template,
                             make_settings(), **state_ports(self.journal), template_key=template)

    def recover_for(self, template: str) -> RecoverJob:
        return RecoverJob(self.daily_jobs, self.incidents, FixedClock(NOW), self.template, job_incidents=self.journal,
                          tracking=self.journal, template_key=template)

    def kept(self, event, template: str = "basic"):
        with pytest.raises(KeptForRetry) as kept:
            self.delivery.report(event, template)
        return kept.value.kept


def test_a_recovery_event_goes_to_the_recover_use_case():
    lab = Lab()
    lab.delivery.report(FAILURE, "basic")

    outcome = lab.delivery.report(RECOVERY, "basic")

    assert outcome.action is Action.RESOLVED
    assert lab.incidents.statuses["1001"] == "Resolved"


def test_a_recovery_summit_cannot_take_is_kept_pending_with_its_trigger():
    lab = Lab()
    lab.delivery.report(FAILURE, "basic")
    lab.incidents.unavailable = "connection refused"

    kept = lab.kept(RECOVERY)

    assert (kept.event.trigger, kept.state, kept.ticket_number) == (Trigger.FINISHED_OK, KeptState.PENDING, "")


def test_a_recovery_behind_a_kept_failure_is_kept_and_applied_to_the_incident_its_replay_creates():
    lab = Lab()
    lab.incidents.unavailable = "connection refused"
    failure = lab.kept(FAILURE)
    lab.incidents.unavailable = ""

    recovery = lab.kept(RECOVERY)

    assert "waits behind outbox entry 1" in recovery.last_error
    assert lab.incidents.created == {}
    replays = lab.delivery.replay()
    assert [(r.kept.id, r.outcome.action) for r in replays] == [(failure.id, Action.CREATED),
                                                                 (recovery.id, Action.RESOLVED)]
    assert lab.incidents.statuses["1001"] == "Resolved"
    assert lab.outbox.entries == {}


def test_a_kept_recovery_waits_while_the_failure_before_it_is_still_kept():
    lab = Lab()
    lab.incidents.rejected = "Invalid Category_Name"
    lab.kept(FAILURE)
    lab.incidents.rejected = ""
    recovery = lab.kept(RECOVERY)

    [replay] = lab.delivery.replay()

    assert replay.kept.id == recovery.id and "waits behind outbox entry 1" in replay.error
    assert lab.outbox.entries[recovery.id].state is KeptState.PENDING
    assert lab.incidents.updates == {}


def test_a_later_failure_of_the_job_does_not_hold_back_an_earlier_kept_recovery():
    lab = Lab()
    lab.delivery.report(FAILURE, "basic")
    lab.incidents.unavailable = "connection refused"
    recovery = lab.kept(RECOVERY)
    later = lab.kept(make_event(termination="-9"))
    lab.incidents.unavailable = ""

    replays = lab.delivery.replay()

    assert [(r.kept.id, r.outcome.action) for r in replays] == [(recovery.id, Action.RESOLVED),
                                                                 (later.id, Action.REOPENED)]
