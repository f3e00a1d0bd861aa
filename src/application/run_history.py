"""What a run that acts leaves in history (B-10.3): one HistoryEvent, built from its outcome or its failure."""

from datetime import datetime

from summit_connector.application.delivery import KeptForRetry
from summit_connector.application.errors import described
from summit_connector.application.ports import HistoryEvent
from summit_connector.application.report import ReportOutcome
from summit_connector.domain.decision import Action
from summit_connector.domain.model import FailureEvent

NOTHING = Action.NOTHING.value


def history_event(command: str, event: FailureEvent, now: datetime, exit_code: int,
                  outcome: ReportOutcome | None = None, failure: BaseException | None = None) -> HistoryEvent:
    """An outcome gives the action, ticket and reason; a failure kept for retry is `kept` (with the ticket when
    the incident exists), any other failure `nothing`, its one-line message the reason."""
    action, ticket, reason = _what_happened(outcome, failure)
    return HistoryEvent(time=now, command=command, trigger=event.trigger.value, job=event.job,
                        schedule=event.schedule, date=event.schedule_date.isoformat(), action=action, ticket=ticket,
                        exit_code=int(exit_code), reason=reason, job_key=event.job_key if event.job else "")


def _what_happened(outcome: ReportOutcome | None, failure: BaseException | None) -> tuple[str, str, str]:
    if outcome is not None:
        return str(outcome.action), outcome.ticket_number, outcome.reason
    if isinstance(failure, KeptForRetry):
        return Action.KEPT.value, failure.kept.ticket_number, str(failure)
    return NOTHING, "", described(failure) if failure is not None else ""
