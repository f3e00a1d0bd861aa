"""Which failed daily jobs `reconcile` reports (B-15.1): in scope, holding no Incident Ticket ID, and decided by no
run of the look-back. Each job's verdict is a record, so the summary line and `--json` count the same things."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from summit_connector.domain.model import FailedDailyJob, FailureEvent
from summit_connector.domain.patterns import name_matches
from summit_connector.domain.template import ReconcileScope



class ReconcileVerdict(StrEnum):
    OUT_OF_SCOPE = "out-of-scope"
    HAD_TICKET = "had-ticket"
    DECIDED_BEFORE = "decided-before"
    DUE = "due"


@dataclass(frozen=True)
class ReconcileCandidate:
    failed: FailedDailyJob
    verdict: ReconcileVerdict

    @property
    def event(self) -> FailureEvent:
        return self.failed.event


@dataclass(frozen=True)
class ReconcilePlan:
    """What one reconcile pass looked at: the schedule dates its look-back covers, from `since` to `now`, and a
    verdict for every failed job OpCon listed for them."""

    now: datetime
    since: datetime
    dates: tuple[date, ...]
    candidates: tuple[ReconcileCandidate, ...] = ()

    def count(self, verdict: ReconcileVerdict) -> int:
        return sum(candidate.verdict is verdict for candidate in self.candidates)

    @property
    def due(self) -> tuple[ReconcileCandidate, ...]:
        return tuple(c for c in self.candidates if c.verdict is ReconcileVerdict.DUE)


def look_back(now: datetime, hours: int) -> ReconcilePlan:
    """The schedule dates from the day `hours` before `now` to today, both included."""
    since = now - timedelta(hours=hours)
    days = (now.date() - since.date()).days
    return ReconcilePlan(now, since, tuple(since.date() + timedelta(days=n) for n in range(days + 1)))


def in_scope(failed: FailedDailyJob, scope: ReconcileScope) -> bool:
    """Every list given must match: the schedule name, the job name, and (when tags are given) one whole job tag."""
    event, tags = failed.event, failed.job.tags
    return (any(name_matches(pattern, event.schedule) for pattern in scope.schedules)
            and any(name_matches(pattern, event.job) for pattern in scope.jobs)
            and (not scope.tags or any(name_matches(pattern, tag) for pattern in scope.tags for tag in tags)))


def decide_reconcile(plan: ReconcilePlan, failed_jobs: Sequence[FailedDailyJob], scope: ReconcileScope,
                     decided: Collection[str]) -> ReconcilePlan:
    """Out of scope first, then a ticket the job holds, then a run in history for its job key (`decided`: the job
    keys history holds runs of in the look-back); the rest are due."""
    verdicts = tuple(ReconcileCandidate(failed, verdict(failed, scope, decided)) for failed in failed_jobs)
    return ReconcilePlan(plan.now, plan.since, plan.dates, verdicts)


def verdict(failed: FailedDailyJob, scope: ReconcileScope, decided: Collection[str]) -> ReconcileVerdict:
    if not in_scope(failed, scope):
        return ReconcileVerdict.OUT_OF_SCOPE
    if failed.job.incident_ticket_id.strip():
        return ReconcileVerdict.HAD_TICKET
    if failed.event.job_key in decided:
        return ReconcileVerdict.DECIDED_BEFORE
    return ReconcileVerdict.DUE
