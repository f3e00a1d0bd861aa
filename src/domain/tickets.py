"""What to do with a job that already carries an incident number (B-4.5)."""

from dataclasses import dataclass
from enum import StrEnum

from summit_connector.domain.template import SummitOptions


class TicketState(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    CLOSED = "closed"
    UNKNOWN = "unknown"


class ExistingTicketAction(StrEnum):
    UPDATE = "update"
    REOPEN = "reopen"
    CREATE_NEW = "create-new"


@dataclass(frozen=True)
class ExistingTicketDecision:
    action: ExistingTicketAction
    state: TicketState
    status_to_send: str
    reason: str


def classify_status(status: str | None, options: SummitOptions) -> TicketState:
    """Resolved and closed per the template's lists (case-insensitive); anything else known is open."""
    if status is None or not status.strip():
        return TicketState.UNKNOWN
    folded = status.strip().casefold()
    if folded in {s.casefold() for s in options.closed_statuses}:
        return TicketState.CLOSED
    if folded in {s.casefold() for s in options.resolved_statuses}:
        return TicketState.RESOLVED
    return TicketState.OPEN


def decide_existing_ticket(status: str | None, options: SummitOptions) -> ExistingTicketDecision:
    """Open → update as is; resolved → reopen; closed → new incident; unreadable → vendor fallback (reopen)."""
    state = classify_status(status, options)
    if state is TicketState.OPEN:
        return ExistingTicketDecision(ExistingTicketAction.UPDATE, state, status or "", f"ticket is {status}: update it")
    if state is TicketState.CLOSED:
        return ExistingTicketDecision(
            ExistingTicketAction.CREATE_NEW, state, options.new_status, f"ticket is {status}: create a new incident"
        )
    if state is TicketState.RESOLVED:
        reason = f"ticket is {status}: reopen it as {options.reopen_status}"
    else:
        reason = f"ticket status could not be read: update it as {options.reopen_status} (vendor behaviour)"
    return ExistingTicketDecision(ExistingTicketAction.REOPEN, state, options.reopen_status, reason)
