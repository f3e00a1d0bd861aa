"""What a report decides from (B-4), as one record, and what the plan needs fetched before it can decide.

The report use case reads the job, the silences and what the outbox keeps, asks `next_need` what else the flow
reaches (the ticket's status in Summit, the group incidents in the journal), fetches exactly that, and then calls
`plan_report` once.
"""

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from summit_connector.domain.decision import KeptForJob
from summit_connector.domain.grouping import GroupLookup
from summit_connector.domain.incident import TicketReading
from summit_connector.domain.model import DailyJob, FailureEvent
from summit_connector.domain.silences import Silence
from summit_connector.domain.tickets import current_ticket


class Need(StrEnum):
    TICKET_READING = "ticket-reading"
    """Summit's status of the job's ticket, with the fields an update re-sends (B-4.5)."""
    GROUP_INCIDENTS = "group-incidents"
    """The incidents of the down agent and of the group the failure could join (B-13.1, B-13.4)."""


@dataclass(frozen=True)
class ReportInputs:
    """`ticket_read` is None when unknown or not asked; `fetched` names what was asked for, so an answer of None
    (Summit could not say) is told apart from a question not yet asked."""

    event: FailureEvent
    job: DailyJob | None
    now: datetime
    kept: KeptForJob = KeptForJob()
    silences: tuple[Silence, ...] = ()
    ticket_read: TicketReading | None = None
    groups: GroupLookup = GroupLookup()
    fetched: frozenset[Need] = field(default=frozenset())

    @property
    def ticket(self) -> str:
        """The job's ticket: OpCon's, else the one this connector created that OpCon has not taken yet."""
        return current_ticket(self.job, self.kept)[0]

    def with_ticket_read(self, read: TicketReading | None) -> "ReportInputs":
        return _with(self, Need.TICKET_READING, ticket_read=read)

    def with_groups(self, groups: GroupLookup) -> "ReportInputs":
        return _with(self, Need.GROUP_INCIDENTS, groups=groups)


@dataclass(frozen=True)
class RecoveryInputs:
    """What a recovery decides from (B-11.2): `opened_tickets` are the tickets the journal shows this connector
    opened for the job (or for the group the job joined); `ticket_read` Summit's status of the job's ticket (None
    when unknown or no ticket); `still_failed` the other jobs of a group incident that have not recovered yet
    (B-13.1)."""

    event: FailureEvent
    job: DailyJob | None
    now: datetime
    kept: KeptForJob = KeptForJob()
    ticket_read: TicketReading | None = None
    opened_tickets: frozenset[str] = frozenset()
    still_failed: tuple[str, ...] = ()

    @property
    def ticket(self) -> str:
        return current_ticket(self.job, self.kept)[0]


def _with(inputs: ReportInputs, need: Need, **changes: object) -> ReportInputs:
    return replace(inputs, fetched=inputs.fetched | {need}, **changes)
