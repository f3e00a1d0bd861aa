"""Ports for a dry run (`explain`): the job as OpCon holds it with the operator's overrides, or as given offline,
and a ticket status as given. Nothing here sends or writes: the write methods refuse."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from summit_connector.application.errors import ConnectorError
from summit_connector.application.ports import DailyJobs, Incidents
from summit_connector.domain.incident import IncidentUpdate, NewIncident, TicketReading
from summit_connector.domain.model import DailyJob, Documentation, FailedDailyJob, FailureEvent, JobLog


class DryRunWrite(ConnectorError):
    """A dry run tried to send or write; it never should."""


@dataclass(frozen=True)
class JobOverrides:
    """`None` keeps what OpCon holds."""

    tags: tuple[str, ...] | None = None
    ticket: str | None = None
    documentation: str | None = None

    def applied_to(self, job: DailyJob) -> DailyJob:
        if self.tags is not None:
            job = replace(job, tags=self.tags)
        if self.ticket is not None:
            job = replace(job, incident_ticket_id=self.ticket)
        if self.documentation is not None:
            job = replace(job, documentation=replace(job.documentation, text=self.documentation))
        return job


class GivenDailyJobs(DailyJobs):
    """OpCon's job with the overrides applied (`inner` None: offline, the overrides are the job)."""

    def __init__(self, inner: DailyJobs | None, overrides: JobOverrides) -> None:
        self._inner = inner
        self._overrides = overrides

    def find(self, event: FailureEvent) -> DailyJob | None:
        job = DailyJob(event.job_key, 0, event.job) if self._inner is None else self._inner.find(event)
        return None if job is None else self._overrides.applied_to(job)

    def failed_on(self, dates: Sequence[date]) -> list[FailedDailyJob]:
        """OpCon's failed jobs as they are (the overrides are for one job); none offline."""
        return [] if self._inner is None else self._inner.failed_on(dates)

    def record_ticket(self, job: DailyJob, ticket_number: str, ticket_url: str) -> None:
        raise DryRunWrite("a dry run writes nothing to OpCon")

    def write_documentation(self, job: DailyJob, documentation: Documentation) -> None:
        raise DryRunWrite("a dry run writes nothing to OpCon")


class GivenTicketStatus(Incidents):
    """Summit is never asked: every ticket has the status given (None: Summit cannot say), and holds none of the
    fields an update re-sends (B-4.5), so the update shown carries none; `report` re-sends what Summit holds."""

    def __init__(self, status: str | None) -> None:
        self._status = status

    def read(self, ticket_number: str) -> TicketReading | None:
        return None if self._status is None else TicketReading(self._status)

    def create(self, incident: NewIncident) -> str:
        raise DryRunWrite("a dry run sends nothing to Summit")

    def update(self, update: IncidentUpdate) -> None:
        raise DryRunWrite("a dry run sends nothing to Summit")

    def attach(self, ticket_number: str, log: JobLog) -> None:
        raise DryRunWrite("a dry run sends nothing to Summit")
