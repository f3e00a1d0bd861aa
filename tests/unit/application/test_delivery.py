"""Nothing lost, nothing duplicated (B-9): kept failures, idempotent replays, one run per job at a time."""

import threading
from datetime import datetime

import pytest

from summit_connector.adapters.memory import (
    FixedClock,
    InMemoryDailyJobs,
    InMemoryIncidents,
    InMemoryJobLocks,
    InMemoryJobLogs,
    InMemoryOutbox,
)
from summit_connector.application.delivery import Delivery, KeptForRetry
from summit_connector.application.errors import SummitUnavailable
from summit_connector.application.ports import KeptState
from summit_connector.application.report import Action, ReportFailure

from tests.unit.factories import (
    NOW,
    WriteBackRefusingDailyJobs,
    make_delivery,
    make_event,
    make_job,
    make_settings,
    make_template,
    state_ports,
)


class Lab:
    def __init__(self, daily_jobs: InMemoryDailyJobs | None = None) -> None:
        self.daily_jobs = daily_jobs or InMemoryDailyJobs()
        self.daily_jobs.jobs[make_job().id] = make_job()
        self.incidents = InMemoryIncidents()
        self.outbox = InMemoryOutbox()
        self.locks = InMemoryJobLocks()
        self.clock = FixedClock(NOW)
        self.templates_built: list[str] = []
        self.report_template = make_template(ticket_information="failed at @EV_Time")
        self.delivery = make_delivery(self.report_for, self.outbox, self.locks, self.clock)

    def report_for(self, template: str) -> ReportFailure:
        self.templates_built.append(template)
        return ReportFailure(self.daily_jobs, self.incidents, InMemoryJobLogs(), self.clock, self.report_template,
                             make_settings(), **state_ports())


def test_a_delivered_report_keeps_nothing_and_holds_the_job_lock():
    lab = Lab()

    outcome = lab.delivery.report(make_event(), "basic")

    assert outcome.action is Action.CREATED
    assert lab.outbox.entries == {}
    assert lab.locks.held == [make_event().job_key]


def test_summit_down_keeps_the_event_for_retry_b_9():
    lab = Lab()
    lab.incidents.unavailable = "connection refused"

    with pytest.raises(KeptForRetry) as kept:
        lab.delivery.report(make_event(), "basic")

    entry = lab.outbox.entries[kept.value.kept.id]
    assert (entry.event, entry.template, entry.state, entry.kept_at) == (make_event(), "basic", KeptState.PENDING,
                                                                         NOW)


def test_a_summit_rejection_is_kept_as_rejected_and_not_replayed_blindly_b_9():
    lab = Lab()
    lab.incidents.rejected = "Invalid Category_Name 'X'"
    with pytest.raises(KeptForRetry):
        lab.delivery.report(make_event(), "basic")
    lab.incidents.rejected = ""

    plain_retry = lab.delivery.replay()
    with_rejected = lab.delivery.replay({KeptState.PENDING, KeptState.REJECTED})

    assert plain_retry == []
    assert [r.outcome.ticket_number for r in with_rejected] == ["1001"]
    assert lab.outbox.entries == {}


def test_replay_after_summit_came_back_creates_exactly_one_incident_b_9():
    lab = Lab()
    lab.incidents.unavailable = "down"
    with pytest.raises(KeptForRetry):
        lab.delivery.report(make_event(), "basic")
    lab.incidents.unavailable = ""

    replays = lab.delivery.replay()
    again = lab.delivery.replay()

    assert [r.outcome.action for r in replays] == [Action.CREATED]
    assert again == []
    assert list(lab.incidents.created) == ["1001"]
    assert lab.daily_jobs.tickets[make_job().uid][0] == "1001"


def test_a_replay_decides_at_the_moment_of_the_failure():
    lab = Lab()
    lab.incidents.unavailable = "down"
    with pytest.raises(KeptForRetry):
        lab.delivery.report(make_event(), "basic")
    lab.incidents.unavailable = ""
    lab.clock.moment = datetime(2030, 1, 1)

    lab.delivery.replay()

    assert lab.incidents.created["1001"].information == "failed at 10:30:00"


def test_when_only_the_write_back_failed_the_replay_only_writes_back_b_9():
    refusing = WriteBackRefusingDailyJobs()
    lab = Lab(refusing)
    with pytest.raises(KeptForRetry) as kept:
        lab.delivery.report(make_event(), "basic")
    lab.daily_jobs = InMemoryDailyJobs([make_job()])

    lab.delivery.replay()

    assert kept.value.kept.ticket_number == "1001"
    assert list(lab.incidents.created) == ["1001"]
    assert lab.daily_jobs.tickets[make_job().uid][0] == "1001"
    assert lab.outbox.entries == {}


def test_replay_stops_at_the_first_transient_failure_oldest_first():
    lab = Lab()
    lab.incidents.unavailable = "down"
    for job in ("JOB001", "JOB002"):
        with pytest.raises(KeptForRetry):
            lab.delivery.report(make_event(job=job), "basic")

    replays = lab.delivery.replay()

    assert [r.kept.event.job for r in replays] == ["JOB001"]
    assert [e.attempts for e in lab.outbox.entries.values()] == [2, 1]


def test_a_replay_uses_the_template_the_event_was_reported_with():
    lab = Lab()
    lab.incidents.unavailable = "down"
    with pytest.raises(KeptForRetry):
        lab.delivery.report(make_event(), "night-shift.json")
    lab.incidents.unavailable = ""
    lab.templates_built.clear()

    lab.delivery.replay()

    assert lab.templates_built == ["night-shift.json"]


def test_concurrent_reports_for_one_job_make_one_incident_and_updates_b_9():
    lab = Lab()
    threads = [threading.Thread(target=lab.delivery.report, args=(make_event(), "basic")) for _ in range(10)]

    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert list(lab.incidents.created) == ["1001"]
    assert len(lab.incidents.updates["1001"]) == 9


class MaybeCreatedIncidents(InMemoryIncidents):
    """Creates the incident but the answer is lost on the way back."""

    def create(self, incident):
        super().create(incident)
        raise SummitUnavailable("read timeout", maybe_processed=True)


def test_a_create_summit_may_have_done_is_kept_as_uncertain_and_not_replayed_by_default_b_9():
    lab = Lab()
    lab.incidents = MaybeCreatedIncidents()
    with pytest.raises(KeptForRetry) as kept:
        lab.delivery.report(make_event(), "basic")
    lab.incidents = InMemoryIncidents(first_ticket=2001)

    replays = lab.delivery.replay()
    created_by_default = list(lab.incidents.created)
    on_request = lab.delivery.replay({KeptState.UNCERTAIN})

    assert kept.value.kept.state is KeptState.UNCERTAIN
    assert [(r.outcome, r.error) for r in replays] == [(None, "no incident list in this test")]
    assert created_by_default == []
    assert [r.outcome.ticket_number for r in on_request] == ["2001"]
