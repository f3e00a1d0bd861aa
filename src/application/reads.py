"""The reads the use cases share: the daily job from OpCon and the ticket's status from Summit."""

from summit_connector.application.errors import (
    DeliveryFailed,
    OpConError,
    OpConUnavailable,
    SummitRejected,
    SummitUnavailable,
)
from summit_connector.application.ports import DailyJobs, Incidents
from summit_connector.domain.incident import TicketReading
from summit_connector.domain.model import DailyJob, FailureEvent


def read_ticket(incidents: Incidents, ticket: str) -> TicketReading | None:
    """The ticket's status and what an update re-sends (B-4.5), in one call; None when Summit cannot say."""
    try:
        return incidents.read(ticket)
    except (SummitUnavailable, SummitRejected):
        return None


def find_job(daily_jobs: DailyJobs, event: FailureEvent) -> DailyJob | None:
    """The event's daily job; OpCon out of reach or refusing is a delivery failure, so the event is kept (B-9)."""
    try:
        return daily_jobs.find(event)
    except (OpConUnavailable, OpConError) as error:
        raise DeliveryFailed(f"OpCon could not be asked for job {event.job}: {error}", error) from error
