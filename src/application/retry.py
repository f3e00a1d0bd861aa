"""Transient failures are retried a few times inside the run, with a short bounded back-off (B-9)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from summit_connector.application.errors import Transient
from summit_connector.application.ports import DailyJobs, IncidentList, Incidents, JobLogs
from summit_connector.domain.incident import IncidentUpdate, ListedIncident, NewIncident, TicketReading
from summit_connector.domain.model import DailyJob, Documentation, FailedDailyJob, FailureEvent, JobLog

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """`attempts` in all (the first try included); pauses double from `first_pause` up to `longest_pause`.

    A server's Retry-After is honoured up to `longest_retry_after`; a longer one ends the retries.
    """

    attempts: int = 3
    first_pause: float = 0.5
    longest_pause: float = 4.0
    longest_retry_after: float = 10.0

    def pause(self, retry: int, failure: Transient) -> float | None:
        if failure.retry_after is not None:
            return failure.retry_after if failure.retry_after <= self.longest_retry_after else None
        return min(self.first_pause * 2**retry, self.longest_pause)


class Retrier:
    def __init__(self, policy: RetryPolicy, sleep: Callable[[float], None]) -> None:
        self._policy = policy
        self._sleep = sleep

    def __call__(self, call: Callable[[], T], repeatable: bool = True) -> T:
        """With `repeatable=False` a failure the server may have acted on is not retried."""
        for retry in range(self._policy.attempts - 1):
            try:
                return call()
            except Transient as failure:
                pause = self._policy.pause(retry, failure)
                if pause is None or (failure.maybe_processed and not repeatable):
                    raise
                self._sleep(pause)
        return call()


class RetryingDailyJobs(DailyJobs):
    def __init__(self, inner: DailyJobs, retrier: Retrier) -> None:
        self._inner, self._retry = inner, retrier

    def find(self, event: FailureEvent) -> DailyJob | None:
        return self._retry(lambda: self._inner.find(event))

    def failed_on(self, dates: Sequence[date]) -> list[FailedDailyJob]:
        return self._retry(lambda: self._inner.failed_on(dates))

    def record_ticket(self, job: DailyJob, ticket_number: str, ticket_url: str) -> None:
        self._retry(lambda: self._inner.record_ticket(job, ticket_number, ticket_url))

    def write_documentation(self, job: DailyJob, documentation: Documentation) -> None:
        self._retry(lambda: self._inner.write_documentation(job, documentation))


class RetryingIncidents(Incidents):
    def __init__(self, inner: Incidents, retrier: Retrier) -> None:
        self._inner, self._retry = inner, retrier

    def create(self, incident: NewIncident) -> str:
        """Only failures Summit certainly did not act on are retried: a second create could be a duplicate."""
        return self._retry(lambda: self._inner.create(incident), repeatable=False)

    def update(self, update: IncidentUpdate) -> None:
        self._retry(lambda: self._inner.update(update))

    def read(self, ticket_number: str) -> TicketReading | None:
        return self._retry(lambda: self._inner.read(ticket_number))

    def attach(self, ticket_number: str, log: JobLog) -> None:
        self._retry(lambda: self._inner.attach(ticket_number, log))


class RetryingIncidentList(IncidentList):
    def __init__(self, inner: IncidentList, retrier: Retrier) -> None:
        self._inner, self._retry = inner, retrier

    def updated_since(self, statuses: Sequence[str], since: date) -> list[ListedIncident]:
        return self._retry(lambda: self._inner.updated_since(statuses, since))


class RetryingJobLogs(JobLogs):
    def __init__(self, inner: JobLogs, retrier: Retrier) -> None:
        self._inner, self._retry = inner, retrier

    def fetch(self, job: DailyJob) -> list[JobLog]:
        return self._retry(lambda: self._inner.fetch(job))
