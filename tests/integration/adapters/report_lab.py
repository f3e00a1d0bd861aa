"""The report and its delivery (B-9) over real adapters for one remote API and in-memory ports for the rest, with
the in-run retries a report has: what the application makes of an adapter's errors."""

import datetime

import pytest

from summit_connector.adapters.memory import FixedClock, InMemoryJobLocks, InMemoryJobLogs, InMemoryOutbox
from summit_connector.application.delivery import Delivery, KeptForRetry
from summit_connector.application.ports import DailyJobs, Incidents, KeptEvent
from summit_connector.application.report import ReportFailure
from summit_connector.application.retry import Retrier, RetryingDailyJobs, RetryingIncidents, RetryPolicy
from summit_connector.domain.template import ReportPolicy, Template

from tests.integration.adapters.opcon_samples import make_event
from tests.unit.factories import make_delivery, state_ports

NOW = datetime.datetime(2024, 9, 21, 3, 15)
TEMPLATE = Template(ticket_description="OpCon job @EV_Job failed", ticket_information="@EV_Job failed",
                    view_incident_url="https://{0}/IM_TicketDetail.aspx?ID={1}", view_host="summit.example.com")


class RecordingSleep:
    def __init__(self) -> None:
        self.pauses: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.pauses.append(seconds)


def report_lab(daily_jobs: DailyJobs, incidents: Incidents, sleep: RecordingSleep) -> tuple[Delivery, InMemoryOutbox]:
    retrier = Retrier(RetryPolicy(), sleep)
    clock, outbox = FixedClock(NOW), InMemoryOutbox()

    def report_for(_: str) -> ReportFailure:
        return ReportFailure(RetryingDailyJobs(daily_jobs, retrier), RetryingIncidents(incidents, retrier),
                             InMemoryJobLogs(), clock, TEMPLATE, ReportPolicy(), **state_ports())

    return make_delivery(report_for, outbox, InMemoryJobLocks(), clock), outbox


def kept_entry(delivery: Delivery, outbox: InMemoryOutbox) -> KeptEvent:
    """The outbox entry a report of the sample event leaves; it must leave one."""
    with pytest.raises(KeptForRetry) as kept:
        delivery.report(make_event(), "basic")
    return outbox.entries[kept.value.kept.id]
