"""The ports the report flow depends on. Adapters implement them; the use case never sees HTTP or files."""

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

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


class KeptState(StrEnum):
    """PENDING is replayed by every run; REJECTED (Summit refused it) and UNCERTAIN (Summit may have created the
    incident) wait until an operator asks, so a fixed template or a checked Summit comes first."""

    PENDING = "pending"
    REJECTED = "rejected"
    UNCERTAIN = "uncertain"


@dataclass(frozen=True)
class KeptEvent:
    """A failure kept for a later delivery; `ticket_number` is set when the incident already exists."""

    id: int
    event: FailureEvent
    template: str
    kept_at: datetime
    ticket_number: str = ""
    state: KeptState = KeptState.PENDING
    attempts: int = 1
    last_error: str = ""


class Outbox(ABC):
    """Durable storage of failures not yet delivered (B-9). Raises OutboxUnavailable when it cannot store."""

    @abstractmethod
    def keep(self, event: FailureEvent, template: str, kept_at: datetime, failure: "KeptFailure") -> KeptEvent:
        """Stores a new entry."""

    @abstractmethod
    def pending(self, states: Collection[KeptState] = (KeptState.PENDING,)) -> list[KeptEvent]:
        """Entries in these states, oldest first."""

    @abstractmethod
    def get(self, kept_id: int) -> KeptEvent | None:
        """The entry as stored now, or None once delivered (re-read under the job lock before replaying)."""

    @abstractmethod
    def failed_again(self, kept_id: int, failure: "KeptFailure") -> None:
        """Records another failed attempt."""

    @abstractmethod
    def delivered(self, kept_id: int) -> None:
        """Removes a delivered entry."""


@dataclass(frozen=True)
class KeptFailure:
    """Why an entry is kept: the message, its state, and a ticket that already exists."""

    message: str
    state: KeptState = KeptState.PENDING
    ticket_number: str = ""


class JobLocks(ABC):
    """Serialises the runs for one daily job (B-9), across processes."""

    @abstractmethod
    def hold(self, job_key: str) -> AbstractContextManager[None]:
        """Blocks until this process holds the job's lock; raises LockTimeout when it waits too long."""
