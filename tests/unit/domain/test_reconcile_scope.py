"""B-15.1: which failed daily jobs reconcile reports, and which schedule dates its look-back covers."""

from datetime import date, datetime

from summit_connector.domain.model import FailedDailyJob
from summit_connector.domain.reconcile import ReconcileVerdict, decide_reconcile, look_back
from summit_connector.domain.template import ReconcileScope

from tests.unit.factories import make_event, make_job

NOW = datetime(2024, 9, 21, 3, 0)


def failed(job: str = "JOB001", schedule: str = "PAYROLL", tags: tuple[str, ...] = (), ticket: str = ""
           ) -> FailedDailyJob:
    event = make_event(job=job, schedule=schedule)
    return FailedDailyJob(event, make_job(event, tags=tags, incident_ticket_id=ticket), "Failed")


def verdicts(scope: ReconcileScope, *jobs: FailedDailyJob, decided=frozenset()) -> list[ReconcileVerdict]:
    plan = decide_reconcile(look_back(NOW, scope.look_back_hours), jobs, scope, decided)
    return [candidate.verdict for candidate in plan.candidates]


def test_a_day_of_look_back_at_3_am_covers_yesterday_and_today():
    assert look_back(NOW, 24).dates == (date(2024, 9, 20), date(2024, 9, 21))
    assert look_back(NOW, 2).dates == (date(2024, 9, 21),)
    assert look_back(NOW, 72).since == datetime(2024, 9, 18, 3, 0)


def test_every_list_given_must_match_and_tags_empty_means_any():
    scope = ReconcileScope(schedules=("PAY*",), jobs=("JOB00*",), tags=("CRIT*",))

    assert verdicts(scope, failed(tags=("CRITICAL",)), failed(tags=("LOW",)), failed(schedule="HR"),
                    failed(job="OTHER", tags=("CRITICAL",))) == [
        ReconcileVerdict.DUE, ReconcileVerdict.OUT_OF_SCOPE, ReconcileVerdict.OUT_OF_SCOPE,
        ReconcileVerdict.OUT_OF_SCOPE]
    assert verdicts(ReconcileScope(), failed(tags=())) == [ReconcileVerdict.DUE]


def test_brackets_in_a_sub_schedule_job_name_are_literal_b_13_2():
    scope = ReconcileScope(jobs=("Parent_Job[Sub]",))

    assert verdicts(scope, failed(job="Parent_Job[Sub]"), failed(job="Parent_JobS")) == [
        ReconcileVerdict.DUE, ReconcileVerdict.OUT_OF_SCOPE]


def test_out_of_scope_comes_before_a_ticket_which_comes_before_history():
    decided = {make_event(job="DONE").job_key, make_event(job="TICKETED").job_key}
    scope = ReconcileScope(jobs=("DONE", "TICKETED", "DUE"))

    assert verdicts(scope, failed(job="DONE"), failed(job="TICKETED", ticket="4711"), failed(job="DUE"),
                    failed(job="ELSE", ticket="1"), decided=decided) == [
        ReconcileVerdict.DECIDED_BEFORE, ReconcileVerdict.HAD_TICKET, ReconcileVerdict.DUE,
        ReconcileVerdict.OUT_OF_SCOPE]
