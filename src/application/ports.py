"""The ports the report flow depends on. Adapters implement them; the use case never sees HTTP or files."""

from abc import ABC, abstractmethod
from datetime import datetime

from summit_connector.domain.incident import IncidentUpdate, NewIncident
from summit_connector.domain.model import DailyJob, Documentation, FailureEvent, JobLog


class DailyJobs(ABC):
    """OpCon's daily jobs."""

    @abstractmethod
    def find(self, event: FailureEvent) -> DailyJob | None:
        """The daily job the event names, matched exactly; None when OpCon answers without it.

        Raises OpConUnavailable when OpCon cannot be asked, OpConError when it refuses.
        """

    @abstractmethod
    def record_ticket(self, job: DailyJob, ticket_number: str, ticket_url: str) -> None:
        """Sets the job's Incident Ticket ID (and its link). Idempotent: writing the same number twice is harmless."""

    @abstractmethod
    def write_documentation(self, job: DailyJob, documentation: Documentation) -> None:
        """Replaces the job documentation text, keeping its id and frequency."""


class Incidents(ABC):
    """Summit incidents."""

    @abstractmethod
    def create(self, incident: NewIncident) -> str:
        """Logs a new incident and returns its ticket number. Raises SummitRejected or SummitUnavailable."""

    @abstractmethod
    def update(self, update: IncidentUpdate) -> None:
        """Adds information to an existing incident and sets its status."""

    @abstractmethod
    def status_of(self, ticket_number: str) -> str | None:
        """The ticket's current status text, or None when Summit cannot say."""

    @abstractmethod
    def attach(self, ticket_number: str, log: JobLog) -> None:
        """Uploads one file to the incident."""


class JobLogs(ABC):
    """Job output kept by OpCon (JORS)."""

    @abstractmethod
    def fetch(self, job: DailyJob) -> list[JobLog]:
        """Every output file of the job; raises OpConUnavailable or OpConError when they cannot be had."""


class Clock(ABC):
    @abstractmethod
    def now(self) -> datetime:
        """The local wall-clock time (naive), read once per run by the use case."""
