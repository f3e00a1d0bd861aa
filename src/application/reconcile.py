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
from summit_connector.domain.reconcile import (
    HistoryKey,
    ReconcileCandidate,
    ReconcilePlan,
    decide_reconcile,
    history_key,
    look_back,
)
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
        failed = [job for job in self._failed_on(plan) if job.status_category.strip().casefold() == "failed"]
        return decide_reconcile(plan, failed, scope, self._decided(plan.since))

    def __call__(self, candidate: ReconcileCandidate, template: str, since: datetime) -> ReportOutcome | None:
        """Reports one due job as the report flow would; None when, under its lock, it holds a ticket or history
        holds a run for it by now. Raises KeptForRetry or NotKept as `Delivery.report` does."""
        event = candidate.event
        return self._delivery.report_if_due(event, template, lambda: self._still_due(event, since))

    def _still_due(self, event: FailureEvent, since: datetime) -> bool:
        job = find_job(self._daily_jobs, event)
        held = job is not None and bool(job.incident_ticket_id.strip())
        return not held and history_key(event) not in self._decided(since, event)

    def _failed_on(self, plan: ReconcilePlan) -> list[FailedDailyJob]:
        try:
            return self._daily_jobs.failed_on(plan.dates)
        except (OpConUnavailable, OpConError) as error:
            dates = ", ".join(day.isoformat() for day in plan.dates)
            raise DeliveryFailed(f"OpCon could not be asked for the failed jobs of {dates}: {error}", error) from error

    def _decided(self, since: datetime, event: FailureEvent | None = None) -> frozenset[HistoryKey]:
        """The runs history holds since `since` (of one job when given), as history names them."""
        job, schedule = (event.job, event.schedule) if event is not None else (None, None)
        events = self._history.query(job, schedule, since, HISTORY_PAGE)
        return frozenset((e.job, e.schedule, e.date) for e in events if e.job)
