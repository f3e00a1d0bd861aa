"""B-15.1 through the reconcile use case: the plan reads OpCon's failed jobs and history, and each due job is
checked again under its job's lock, so a run that decided it meanwhile is neither duplicated nor added to."""

from datetime import datetime, time, timedelta

from summit_connector.adapters.memory import (
    FixedClock,
    InMemoryDailyJobs,
    InMemoryHistory,
    InMemoryIncidents,
    InMemoryJobLocks,
    InMemoryJobLogs,
    InMemoryJournal,
    InMemoryOutbox,
)
from summit_connector.application.ports import HistoryEvent
from summit_connector.application.reconcile import Reconcile
from summit_connector.application.report import ReportFailure
from summit_connector.domain.reconcile import ReconcileVerdict
from summit_connector.domain.template import ReconcileScope

from tests.unit.factories import make_delivery, make_event, make_settings, make_template, state_ports

EVENT = make_event(job="MISSED_A")
NOW = datetime.combine(EVENT.schedule_date, time(6, 0))


class Lab:
    def __init__(self) -> None:
        self.daily_jobs = InMemoryDailyJobs()
        self.daily_jobs.add_failed(EVENT)
        self.incidents = InMemoryIncidents()
        self.history = InMemoryHistory()
        journal, clock = InMemoryJournal(), FixedClock(NOW)
        report = ReportFailure(self.daily_jobs, self.incidents, InMemoryJobLogs(), clock, make_template(),
                               make_settings(), **state_ports(journal))
        delivery = make_delivery(lambda _: report, InMemoryOutbox(), InMemoryJobLocks(), clock, journal)
        self.reconcile = Reconcile(self.daily_jobs, self.history, delivery, clock)

    def remember(self, at: datetime) -> None:
        self.history.append(HistoryEvent(at, "report", "failed", EVENT.job, EVENT.schedule,
                                         EVENT.schedule_date.isoformat(), "created", "4711", 0, ""))


def test_a_due_job_is_reported_through_the_report_flow():
    lab = Lab()
    plan = lab.reconcile.plan(ReconcileScope())

    [outcome] = [lab.reconcile(candidate, "basic", plan.since) for candidate in plan.due]

    assert outcome is not None and outcome.ticket_number == "1001"
    assert lab.daily_jobs.tickets


def test_a_ticket_written_back_meanwhile_is_found_again_under_the_lock_and_nothing_is_sent():
    lab = Lab()
    plan = lab.reconcile.plan(ReconcileScope())
    lab.daily_jobs.record_ticket(lab.daily_jobs.find(EVENT), "4711", "")

    outcome = lab.reconcile(plan.due[0], "basic", plan.since)

    assert outcome is None and list(lab.incidents.created) == []


def test_a_run_history_recorded_meanwhile_is_found_again_under_the_lock_and_nothing_is_sent():
    lab = Lab()
    plan = lab.reconcile.plan(ReconcileScope())
    lab.remember(NOW)

    outcome = lab.reconcile(plan.due[0], "basic", plan.since)

    assert outcome is None and list(lab.incidents.created) == []


def test_the_look_back_given_replaces_the_blocks_and_a_run_before_it_does_not_count():
    lab = Lab()
    lab.remember(NOW - timedelta(hours=3))

    within_a_day = lab.reconcile.plan(ReconcileScope(look_back_hours=24))
    within_two_hours = lab.reconcile.plan(ReconcileScope(look_back_hours=24), look_back_hours=2)

    assert [c.verdict for c in within_a_day.candidates] == [ReconcileVerdict.DECIDED_BEFORE]
    assert [c.verdict for c in within_two_hours.candidates] == [ReconcileVerdict.DUE]


def test_a_run_of_another_instance_of_the_schedule_does_not_decide_this_one():
    lab = Lab()
    second = make_event(job="MISSED_A", schedule_instance=2)
    lab.daily_jobs.add_failed(second)
    first_run = HistoryEvent(NOW, "report", "failed", EVENT.job, EVENT.schedule, EVENT.schedule_date.isoformat(),
                             "created", "4711", 0, "", job_key=EVENT.job_key)
    lab.history.append(first_run)

    plan = lab.reconcile.plan(ReconcileScope())

    assert {c.event.schedule_instance: c.verdict for c in plan.candidates} == {
        1: ReconcileVerdict.DECIDED_BEFORE, 2: ReconcileVerdict.DUE}


def test_a_job_opcon_lists_but_no_longer_holds_as_failed_is_not_counted():
    lab = Lab()
    lab.daily_jobs.add_failed(make_event(job="RERUN_OK"), status_category="Finished Ok")

    assert [c.event.job for c in lab.reconcile.plan(ReconcileScope()).candidates] == ["MISSED_A"]
