"""The decision record of one report (B-4, B-7): every verdict the flow acts on, and why.

`plan_report` builds it; the report use case applies it, `explain` prints it, `explain --json` serialises it.
Nothing downstream re-derives a verdict: what is not in the record was not decided.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from summit_connector.domain.attributes import Layer, ResolvedAttribute
from summit_connector.domain.incident import IncidentUpdate, NewIncident
from summit_connector.domain.maintenance_windows import MaintenanceVerdict
from summit_connector.domain.model import DailyJob, Documentation, FailureEvent
from summit_connector.domain.runbook import DocumentationVerdict, RunbookVerdict
from summit_connector.domain.silences import Silence
from summit_connector.domain.tags import RuleVerdict
from summit_connector.domain.trigger_text import TriggerVerdict
from summit_connector.domain.working_hours import DayWindow


class Action(StrEnum):
    """What a run does or did: the one vocabulary of plans, outcomes, the log and history (B-10.3)."""

    CREATED = "created"
    UPDATED = "updated"
    REOPENED = "reopened"
    SKIPPED_EXIT = "skipped-exit"
    SKIPPED_DAILY_WINDOW = "skipped-daily-window"
    KEPT = "kept"
    ANNOTATED = "annotated"
    RESOLVED = "resolved"
    NOTHING = "nothing"
    GROUPED = "grouped"
    SILENCED = "silenced"
    SKIPPED_MAINTENANCE = "skipped-maintenance"
    ADOPTED = "adopted"
    """An uncertain create's incident, found in Summit, taken as the one it made (B-9.2, B-15.2)."""


SENDING = frozenset({Action.CREATED, Action.UPDATED, Action.REOPENED, Action.ANNOTATED, Action.RESOLVED,
                     Action.GROUPED, Action.ADOPTED})


class TicketState(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    CLOSED = "closed"
    UNKNOWN = "unknown"


class TicketSource(StrEnum):
    OPCON = "opcon"
    KEPT = "kept"
    """An incident this connector created whose number OpCon has not taken yet (an outbox entry, B-9)."""


@dataclass(frozen=True)
class KeptForJob:
    """What the outbox holds for the job (read under its lock): its incident not yet written back, and whether
    an earlier failure may have created one we do not know (then no new incident may be created)."""

    known_ticket: str = ""
    may_create: bool = True


@dataclass(frozen=True)
class ExistingTicket:
    """B-4.5: the job's ticket, its status as read, and what to do with it (UPDATED, REOPENED or CREATED)."""

    ticket: str
    source: TicketSource
    status: str | None
    state: TicketState
    action: Action
    status_to_send: str
    reason: str


@dataclass(frozen=True)
class DailyWindow:
    """B-4.6: `applies` when the rule is on and a new incident would be created; `ends` is D+1 at the hour."""

    on: bool
    daily_start_hour: int
    applies: bool = False
    last_date: date | None = None
    ends: datetime | None = None
    blocked: bool = False


@dataclass(frozen=True)
class HoursVerdict:
    """B-4.8: the window of the day, the previous day's when it runs past midnight, and the layer it picks."""

    in_hours: bool
    layer: Layer
    attribute_names: tuple[str, ...]
    day: str = ""
    today: DayWindow | None = None
    previous_day: str = ""
    yesterday_running_over: DayWindow | None = None


@dataclass(frozen=True)
class WriteBack:
    """B-4.10: whether the job's Incident Ticket ID is set, and the documentation to write (B-4.6), if any.

    `best_effort`: a failure is a warning, not a delivery failure (the number is written again by a later run:
    an update of an incident whose number OpCon has not taken yet, B-9.1)."""

    ticket: bool
    documentation: Documentation | None = None
    best_effort: bool = False


class GroupVerdict(StrEnum):
    """B-13.1, B-13.4: what a failure that would create a new incident does instead, if anything."""

    OFF = "off"
    NOT_GROUPED = "not-grouped"
    NEW = "new"
    JOIN = "join"
    JOIN_AGENT_DOWN = "join-agent-down"


@dataclass(frozen=True)
class GroupIncident:
    """An incident the journal holds for a group key, created at `created_at`; `status` as Summit said it (None:
    unread), and `held` the fields an update re-sends, read with it (B-4.5)."""

    key: str
    ticket: str
    created_at: datetime
    status: str | None = None
    state: TicketState = TicketState.UNKNOWN
    held: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class GroupDecision:
    """B-13.1, B-13.4: the incident the failure joins (`joins`), or why it creates one. `key` is its group key, which
    a new incident records ("" when not grouped); `agent_down` and `incident` are the down agent's and the group's
    incidents the journal held; `window_ends` is when the group's incident stops taking failures."""

    verdict: GroupVerdict
    reason: str
    key: str = ""
    by: tuple[str, ...] = ()
    window_minutes: int = 0
    agent_down: GroupIncident | None = None
    incident: GroupIncident | None = None
    window_ends: datetime | None = None
    joins: str = ""
    status_to_send: str = ""
    held_to_send: tuple[tuple[str, str], ...] = ()
    """What the joined incident holds, re-sent with the failure added to it (B-4.5)."""


@dataclass(frozen=True)
class ReportDecision:
    event: FailureEvent
    now: datetime
    job: DailyJob | None
    action: Action
    reason: str
    exit_tag: str | None = None
    exit_values: tuple[str, ...] = ()
    existing: ExistingTicket | None = None
    daily_window: DailyWindow | None = None
    working_hours: HoursVerdict | None = None
    routing: tuple[RuleVerdict, ...] = ()
    attributes: tuple[ResolvedAttribute, ...] = ()
    incident: NewIncident | None = None
    update: IncidentUpdate | None = None
    ticket_number: str = ""
    previous_ticket: str = ""
    write_back: WriteBack | None = None
    attach_job_log: bool = False
    warnings: tuple[str, ...] = field(default=())
    trigger: TriggerVerdict | None = None
    silence: Silence | None = None
    """The active silence that stops this failure (B-13.2): nothing is sent or written back."""
    maintenance: MaintenanceVerdict | None = None
    """B-13.3: which maintenance window covers `now`, or that none does (None when not reached)."""
    group: GroupDecision | None = None
    """B-13.1, B-13.4: whether a new incident joins a group's or a down agent's incident (None when not reached)."""
    runbook: RunbookVerdict | None = None
    """B-16.1: the runbook found in the job documentation, or why none was (None when not reached)."""
    documentation: DocumentationVerdict | None = None
    """B-16.2: the value documentation routing gives its attribute (None when not reached)."""

    @property
    def sends(self) -> bool:
        return self.incident is not None or self.update is not None
