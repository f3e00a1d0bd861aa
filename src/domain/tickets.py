"""What to do with a job that already carries an incident number (B-4.5)."""

from summit_connector.domain.decision import Action, ExistingTicket, KeptForJob, TicketSource, TicketState
from summit_connector.domain.model import DailyJob
from summit_connector.domain.template import SummitOptions


def current_ticket(job: DailyJob | None, kept: KeptForJob) -> tuple[str, TicketSource]:
    """The job's ticket: OpCon's, else the one this connector created that OpCon has not taken yet."""
    held = job.incident_ticket_id.strip() if job else ""
    if held or job is None or not kept.known_ticket:
        return held, TicketSource.OPCON
    return kept.known_ticket, TicketSource.KEPT


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


def decide_existing_ticket(
    ticket: str, source: TicketSource, status: str | None, options: SummitOptions
) -> ExistingTicket:
    """Open → update as is; resolved → reopen; closed → new incident; unreadable → vendor fallback (reopen)."""
    state = classify_status(status, options)
    if state is TicketState.OPEN:
        return ExistingTicket(ticket, source, status, state, Action.UPDATED, status or "",
                              f"ticket is {status}: update it")
    if state is TicketState.CLOSED:
        return ExistingTicket(ticket, source, status, state, Action.CREATED, options.new_status,
                              f"ticket is {status}: create a new incident")
    if state is TicketState.RESOLVED:
        reason = f"ticket is {status}: reopen it as {options.reopen_status}"
    else:
        reason = f"ticket status could not be read: update it as {options.reopen_status} (vendor behaviour)"
    return ExistingTicket(ticket, source, status, state, Action.REOPENED, options.reopen_status, reason)


MAX_TICKET_DIGITS = 18


def summit_ticket_number(text: str) -> str:
    """A Summit incident number as an operator typed it (`retry --uncertain --adopt`, B-9.2): digits, surrounding
    blanks ignored, leading zeros dropped; "" when it is none (empty, zero, not only digits, too long)."""
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()) or len(digits) > MAX_TICKET_DIGITS or int(digits) == 0:
        return ""
    return str(int(digits))
