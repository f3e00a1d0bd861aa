"""`reconcile` (B-15.1): every failed daily job in scope gets its incident, even when its Notification Manager
trigger never ran. OpCon's Daily says which jobs failed; history says which a run decided already; the rest go
through the report flow, each checked again under its job's lock."""

from datetime import datetime

from summit_connector.application.delivery import Delivery
from summit_connector.application.errors import DeliveryFailed, OpConError, OpConUnavailable
from summit_connector.application.ports import Clock, DailyJobs, History
from summit_connector.application.reads import find_job
from summit_connector.application.report import ReportOutcome
from summit_connector.domain.model import FailedDailyJob, FailureEvent
from summit_connector.domain.reconcile import ReconcileCandidate, ReconcilePlan, decide_reconcile, look_back
from summit_connector.domain.template import ReconcileScope

HISTORY_PAGE = 100_000


class Reconcile:
    def __init__(self, daily_jobs: DailyJobs, history: History, delivery: Delivery, clock: Clock) -> None:
        self._daily_jobs = daily_jobs
        self._history = history
        self._delivery = delivery
        self._clock = clock

    def plan(self, scope: ReconcileScope, look_back_hours: int | None = None) -> ReconcilePlan:
        """Reads OpCon's failed jobs of the dates the look-back covers and history since then; sends nothing.
        Raises DeliveryFailed when OpCon cannot be asked."""
        plan = look_back(self._clock.now(), look_back_hours or scope.look_back_hours)
        failed = self._failed_on(plan)
        return decide_reconcile(plan, failed, scope, self._decided(plan.since, [job.event for job in failed]))

    def __call__(self, candidate: ReconcileCandidate, template: str, since: datetime) -> ReportOutcome | None:
        """Reports one due job as the report flow would; None when, under its lock, it holds a ticket or history
        holds a run for it by now. Raises KeptForRetry or NotKept as `Delivery.report` does."""
        event = candidate.event
        return self._delivery.report_if_due(event, template, lambda: self._still_due(event, since))

    def _still_due(self, event: FailureEvent, since: datetime) -> bool:
        job = find_job(self._daily_jobs, event)
        held = job is not None and bool(job.incident_ticket_id.strip())
        return not held and event.job_key not in self._decided(since, [event], event)

    def _failed_on(self, plan: ReconcilePlan) -> list[FailedDailyJob]:
        try:
            return self._daily_jobs.failed_on(plan.dates)
        except (OpConUnavailable, OpConError) as error:
            dates = ", ".join(day.isoformat() for day in plan.dates)
            raise DeliveryFailed(f"OpCon could not be asked for the failed jobs of {dates}: {error}", error) from error

    def _decided(self, since: datetime, failed: list[FailureEvent], one: FailureEvent | None = None
                 ) -> frozenset[str]:
        """The job keys of `failed` that history holds a run of since `since` (asked of `one` job only, when
        given). An event written before history kept job keys counts for every failed job of its name, schedule
        and date."""
        job, schedule = (one.job, one.schedule) if one is not None else (None, None)
        events = self._history.query(job, schedule, since, HISTORY_PAGE)
        keys = {e.job_key for e in events if e.job_key}
        named = {(e.job, e.schedule, e.date) for e in events if e.job and not e.job_key}
        return frozenset(keys | {f.job_key for f in failed
                                 if (f.job, f.schedule, f.schedule_date.isoformat()) in named})
