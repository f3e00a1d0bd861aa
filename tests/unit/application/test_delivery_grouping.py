"""Grouping through the delivery service (B-13.1): the journal remembers each group's incident, runs for one group are
serialised (group lock, then job lock), and a joined failure is delivered like any other."""

import threading
from datetime import timedelta

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
from summit_connector.application.errors import ConnectorError, OpConUnavailable
from summit_connector.application.ports import KeptState
from summit_connector.application.report import Action, ReportFailure
from summit_connector.domain.template import GroupBy, Grouping

from tests.unit.factories import (
    NOW,
    UnreadableStatusIncidents,
    make_delivery,
    make_event,
    make_job,
    make_settings,
    make_template,
    state_ports,
)

BY_AGENT = Grouping((GroupBy.AGENT,), 15)


class WriteBackFlakyDailyJobs(InMemoryDailyJobs):
    refusing = False

    def record_ticket(self, job, ticket_number: str, ticket_url: str) -> None:
        if self.refusing:
            raise OpConUnavailable("connection reset by peer")
        super().record_ticket(job, ticket_number, ticket_url)


class Lab:
    def __init__(self, jobs: int = 3, grouping: Grouping = BY_AGENT, incidents: InMemoryIncidents | None = None
                 ) -> None:
        self.events = [make_event(job=f"JOB{n:03d}") for n in range(jobs)]
        self.daily_jobs = InMemoryDailyJobs([make_job(event, uid=7000 + n) for n, event in enumerate(self.events)])
        self.incidents = incidents or InMemoryIncidents()
        self.journal = InMemoryJournal()
        self.locks = InMemoryJobLocks()
        self.outbox = InMemoryOutbox()
        self.clock = FixedClock(NOW)
        self.template = make_template(grouping=grouping)
        self.delivery = make_delivery(self.report_for, self.outbox, self.locks, self.clock, self.journal)

    def report_for(self, template: str) -> ReportFailure:
        return ReportFailure(self.daily_jobs, self.incidents, InMemoryJobLogs(), self.clock, self.template,
                             make_settings(), **state_ports(self.journal), template_key=template)

    def report(self, n: int):
        return self.delivery.report(self.events[n], "grouped.json")

    def held(self, n: int) -> str:
        return self.daily_jobs.jobs[self.events[n].job_key].incident_ticket_id


def test_the_second_failure_of_a_group_joins_the_first_ones_incident_and_takes_its_number_b_13_1():
    lab = Lab()

    outcomes = [lab.report(n) for n in range(3)]

    assert [o.action for o in outcomes] == [Action.CREATED, Action.GROUPED, Action.GROUPED]
    assert [o.ticket_number for o in outcomes] == ["1001"] * 3
    assert [lab.held(n) for n in range(3)] == ["1001"] * 3
    assert [u.information.split()[2] for u in lab.incidents.updates["1001"]] == ["JOB001", "JOB002"]
    assert outcomes[1].view_url == "https://summit.example.com/Summit/IM_TicketDetail.aspx?ID=1001"


def test_the_journal_records_the_group_key_of_the_new_incident_and_of_each_job_that_joined_it_b_13_1():
    lab = Lab()

    for n in range(3):
        lab.report(n)

    assert [(e.ticket, e.opened, e.group_key) for e in lab.journal.entries] == [
        ("1001", True, "agent=WINAGENT01"), ("1001", False, "agent=WINAGENT01"), ("1001", False, "agent=WINAGENT01")]
    assert [e.daily_job_id for e in lab.journal.entries] == [event.job_key for event in lab.events]


def test_runs_take_the_group_lock_before_the_job_lock_b_13_1():
    lab = Lab(jobs=1)

    lab.report(0)

    assert lab.locks.held == ["group|agent=WINAGENT01", lab.events[0].job_key]


def test_without_grouping_only_the_job_lock_is_taken_and_every_job_gets_its_own_incident_b_13_1():
    lab = Lab(grouping=Grouping())

    outcomes = [lab.report(n) for n in range(3)]

    assert [o.ticket_number for o in outcomes] == ["1001", "1002", "1003"]
    assert lab.locks.held == [event.job_key for event in lab.events]


def test_fifty_simultaneous_failures_of_one_group_make_one_incident_b_13_1():
    lab = Lab(jobs=50)
    start = threading.Barrier(50)

    def run(n: int) -> None:
        start.wait()
        lab.report(n)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert list(lab.incidents.created) == ["1001"]
    assert len(lab.incidents.updates["1001"]) == 49
    assert {lab.held(n) for n in range(50)} == {"1001"}


def test_a_failure_after_the_window_creates_a_new_incident_that_becomes_the_groups_b_13_1():
    lab = Lab(jobs=4)
    lab.report(0)
    lab.clock.moment = NOW + timedelta(minutes=10)
    lab.report(1)

    lab.clock.moment = NOW + timedelta(minutes=15)
    late = lab.report(2)
    lab.clock.moment = NOW + timedelta(minutes=20)
    later = lab.report(3)

    assert (late.action, late.ticket_number) == (Action.CREATED, "1002")
    assert (later.action, later.ticket_number) == (Action.GROUPED, "1002")


def test_a_group_incident_closed_in_summit_gives_way_to_a_new_one_b_13_1():
    lab = Lab()
    lab.report(0)
    lab.incidents.statuses["1001"] = "Closed"

    outcomes = [lab.report(1), lab.report(2)]

    assert [(o.action, o.ticket_number) for o in outcomes] == [(Action.CREATED, "1002"), (Action.GROUPED, "1002")]


def test_a_group_incident_whose_status_cannot_be_read_is_joined_b_13_1():
    lab = Lab(incidents=UnreadableStatusIncidents())
    lab.report(0)

    outcome = lab.report(1)

    assert (outcome.action, outcome.ticket_number) == (Action.GROUPED, "1001")
    assert lab.incidents.updates["1001"][0].status == ""


def test_a_journal_that_cannot_be_read_never_stops_the_failure_it_creates_its_own_incident_b_9_3():
    class UnreadableJournal(InMemoryJournal):
        def group_incident(self, group_key, since):
            raise ConnectorError("database disk image is malformed")

    lab = Lab()
    lab.journal = UnreadableJournal()
    lab.report(0)

    outcome = lab.report(1)

    assert (outcome.action, outcome.ticket_number) == (Action.CREATED, "1002")


def test_a_joined_failure_whose_write_back_fails_is_kept_with_the_groups_number_and_written_back_later_b_9():
    lab = Lab()
    lab.daily_jobs = WriteBackFlakyDailyJobs(list(lab.daily_jobs.jobs.values()))
    lab.report(0)
    lab.daily_jobs.refusing = True
    with pytest.raises(KeptForRetry) as kept:
        lab.report(1)
    lab.daily_jobs.refusing = False

    [replay] = lab.delivery.replay()

    assert (kept.value.kept.state, kept.value.kept.ticket_number) == (KeptState.PENDING, "1001")
    assert replay.outcome.ticket_number == "1001"
    assert lab.held(1) == "1001"
    assert list(lab.incidents.created) == ["1001"]
