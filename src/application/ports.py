"""The ports the report flow depends on. Adapters implement them; the use case never sees HTTP or files."""

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from summit_connector.domain.incident import IncidentUpdate, ListedIncident, NewIncident, TicketReading
from summit_connector.domain.model import DailyJob, Documentation, FailedDailyJob, FailureEvent, JobLog
from summit_connector.domain.silences import Silence


class DailyJobs(ABC):
    """OpCon's daily jobs."""

    @abstractmethod
    def find(self, event: FailureEvent) -> DailyJob | None:
        """The daily job the event names, matched exactly; None when OpCon answers without it.

        Raises OpConUnavailable when OpCon cannot be asked, OpConError when it refuses.
        """

    @abstractmethod
    def failed_on(self, dates: Sequence[date]) -> list[FailedDailyJob]:
        """The daily jobs of these schedule dates that OpCon lists as failed (`GET /api/dailyjobs?dates=D1,D2&
        status=failed`), each checked again on our side: its status category is `Failed` (B-15.1).

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
    def read(self, ticket_number: str) -> TicketReading | None:
        """The ticket's current status with the fields an update re-sends (B-4.5), read in one call; None when
        Summit cannot say its status."""

    def status_of(self, ticket_number: str) -> str | None:
        """The ticket's current status text, or None when Summit cannot say."""
        read = self.read(ticket_number)
        return read.status if read is not None else None

    @abstractmethod
    def attach(self, ticket_number: str, log: JobLog) -> None:
        """Uploads one file to the incident."""


class IncidentList(ABC):
    """Summit's incident list (`IM_GetIncidentListwithDetails`), where a create whose answer was lost is looked for
    (B-15.2)."""

    @abstractmethod
    def updated_since(self, statuses: Sequence[str], since: date) -> list[ListedIncident]:
        """Every incident in one of `statuses` updated on or after the day `since`, page after page (100 a page,
        from page 0, until an empty page, at most 20 pages). Raises SummitUnavailable or SummitRejected when the
        list cannot be read."""


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
    settling: str = ""
    """For an uncertain create: why it is still uncertain, or that it was sent again (`domain.settling.Settling`)."""
    cause: str = ""
    """What refused it, when that changes the next step: `certificate` (Summit's TLS certificate, B-9.4)."""


class Outbox(ABC):
    """Durable storage of failures not yet delivered (B-9). Raises OutboxUnavailable when it cannot store."""

    @abstractmethod
    def keep(self, event: FailureEvent, template: str, kept_at: datetime, failure: "KeptFailure") -> KeptEvent:
        """Stores a new entry."""

    @abstractmethod
    def pending(self, states: Collection[KeptState] = (KeptState.PENDING,)) -> list[KeptEvent]:
        """Entries in these states, oldest first."""

    def for_job(self, job_key: str) -> list[KeptEvent]:
        """The job's entries in every state, oldest first; a store answers from an index (B-10.4)."""
        return [kept for kept in self.pending(set(KeptState)) if kept.event.job_key == job_key]

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
    settling: str = ""
    cause: str = ""


class JobLocks(ABC):
    """Serialises the runs for one daily job (B-9), across processes."""

    @abstractmethod
    def hold(self, job_key: str) -> AbstractContextManager[None]:
        """Blocks until this process holds the job's lock; raises LockTimeout when it waits too long,
        LockUnavailable when the lock cannot be created at all."""


@dataclass(frozen=True)
class JournalEntry:
    """One incident this connector created, updated, grouped into or recovered (B-10.2).

    `ticket` is empty for an intent: a create was about to be sent and Summit's answer was never recorded (B-9.1).
    `opened` says this connector created the incident for this job (only those are resolved, B-11.2).
    `written_back` says OpCon took the number. `tracking` is false once `sync` ended it (B-12).
    """

    id: int
    ticket: str
    event: FailureEvent
    template: str
    created_at: datetime
    opened: bool = True
    written_back: bool = False
    daily_job_id: str = ""
    group_key: str = ""
    last_status_seen: str = ""
    last_status_acted: str = ""
    tracking: bool = True
    abandoned: bool = False
    group_ended: bool = False
    """`agent-up` ended the group (B-13.4): its incident takes no more failures."""
    recovered: bool = False
    """A recovery for this job reached the incident (B-13.1: the last member's recovery applies the action)."""

    @property
    def is_intent(self) -> bool:
        return not self.ticket and not self.abandoned


class CreateIntents(ABC):
    """Crash safety (B-9.1): a create is on record before it is sent, its number right after Summit answered."""

    @abstractmethod
    def intend(self, event: FailureEvent, template: str, at: datetime, daily_job_id: str, group_key: str = "") -> int:
        """Records, before a create is sent, that it is about to be sent; returns the intent's id. The incident
        becomes the group's when `group_key` is given (B-13.1)."""

    @abstractmethod
    def created(self, intent_id: int, ticket: str) -> None:
        """Records Summit's number for the intent, right after Summit answered."""

    @abstractmethod
    def abandon_intents(self, job_key: str) -> None:
        """An operator checked Summit (`retry --uncertain`): the job's unanswered intents no longer hold it back."""


class JobIncidents(ABC):
    """Which incidents this connector created, updated, grouped into or recovered for which job (B-10.2)."""

    @abstractmethod
    def touched(self, ticket: str, event: FailureEvent, template: str, at: datetime, daily_job_id: str,
                group_key: str = "") -> None:
        """Records an update of (or a recovery on) a ticket; a ticket not yet journaled for the job is added with
        opened=False (and the `group_key` of the group it joined, B-13.1); one journaled already counts as not
        recovered again (a new failure of the job, B-13.1)."""

    @abstractmethod
    def written_back(self, ticket: str) -> None:
        """OpCon holds the ticket's number now."""

    @abstractmethod
    def for_job(self, job_key: str) -> list[JournalEntry]:
        """The job's entries (intents included), oldest first."""

    @abstractmethod
    def for_ticket(self, ticket: str) -> list[JournalEntry]:
        """The incident's entries, one per job it was created, updated, grouped into or recovered for, oldest
        first."""

    @abstractmethod
    def recovered(self, ticket: str, job_key: str) -> None:
        """A recovery of the job reached the incident (B-13.1)."""


class SyncTracking(ABC):
    """The incidents `sync` follows and the statuses it saw and acted on (B-12)."""

    @abstractmethod
    def tracked(self) -> list[JournalEntry]:
        """Entries with a ticket that `sync` still follows, oldest first."""

    @abstractmethod
    def saw_status(self, ticket: str, status: str) -> None:
        """The status `sync` read last."""

    @abstractmethod
    def acted_on(self, ticket: str, status: str) -> None:
        """The status `sync` acted on last: each status change is acted on once (B-12.2)."""

    @abstractmethod
    def stop_tracking(self, ticket: str) -> None:
        """`sync` follows the ticket no more (a stopOn status, or OpCon no longer knows the job)."""


class GroupIncidents(ABC):
    """The incident a group of failures shares (B-13.1), and an agent's while it is down (B-13.4)."""

    @abstractmethod
    def group_incident(self, group_key: str, since: datetime | None) -> JournalEntry | None:
        """The newest incident this connector opened for the group, created after `since` (None: at any time),
        whose group was not ended; None when there is none (B-13.1, B-13.4)."""

    @abstractmethod
    def end_group(self, group_key: str) -> None:
        """The group's incidents take no more failures (`agent-up`, B-13.4)."""


class Journal(CreateIntents, JobIncidents, SyncTracking, GroupIncidents, ABC):
    """The incident journal (B-10.2) as one store holds it: every role above. Use cases depend on the roles."""


@dataclass(frozen=True)
class HistoryEvent:
    """One run (B-10.3); `date` is the schedule date `yyyy-MM-dd`, `time` the clock's local time."""

    time: datetime
    command: str
    trigger: str
    job: str
    schedule: str
    date: str
    action: str
    ticket: str
    exit_code: int
    reason: str
    job_key: str = ""
    """The daily job's key (date, schedule id, instance, job), when the run was a job's; not among the keys
    `history --json` prints (B-10.3), but what tells two instances of a schedule apart (B-15.1)."""


class History(ABC):
    """One event per run that acts (B-10.3)."""

    @abstractmethod
    def append(self, event: HistoryEvent) -> None:
        """Adds the event."""

    @abstractmethod
    def query(self, job: str | None = None, schedule: str | None = None, since: datetime | None = None,
              limit: int = 50) -> list[HistoryEvent]:
        """Newest first; `job` and `schedule` match names exactly."""

    @abstractmethod
    def prune(self, before: datetime) -> int:
        """Removes events older than `before`; returns how many."""


class JobActions(ABC):
    """OpCon's job actions (`POST /api/jobactions`, B-12.1)."""

    @abstractmethod
    def apply(self, daily_job_id: str, action: str, reason: str) -> str:
        """Submits the action and waits (bounded) until OpCon no longer says `submitted`; returns its result.

        Raises OpConError with status_code 404 when OpCon no longer knows the job, OpConUnavailable when it
        cannot be asked.
        """


class Silences(ABC):
    """Operator silences (B-13.2), kept in the state store."""

    @abstractmethod
    def add(self, job: str, schedule: str, agent: str, tag: str, starts: datetime, ends: datetime, comment: str,
            author: str) -> Silence:
        """Stores a new silence and returns it with its id."""

    @abstractmethod
    def listed(self, include_expired: bool, now: datetime) -> list[Silence]:
        """Active silences at `now` (all of them with `include_expired`), by id."""

    @abstractmethod
    def expire(self, silence_id: int, now: datetime) -> Silence | None:
        """Ends the silence now; None when there is no such silence."""
