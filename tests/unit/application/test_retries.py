"""Transient failures are retried inside the run with a bounded back-off; Retry-After is honoured (B-9)."""

from datetime import date

import pytest

from summit_connector.adapters.memory import InMemoryDailyJobs, InMemoryIncidents
from summit_connector.application.errors import OpConError, OpConUnavailable, SummitRejected, SummitUnavailable
from summit_connector.application.retry import (
    Retrier,
    RetryingDailyJobs,
    RetryingIncidentList,
    RetryingIncidents,
    RetryPolicy,
)
from summit_connector.domain.incident import NewIncident, TicketReading

from tests.unit.factories import SCHEDULE_DATE, make_event



class FlakyIncidents(InMemoryIncidents):
    """Fails the first `failures` creates with the given error."""

    def __init__(self, failures: list[Exception]) -> None:
        super().__init__()
        self.failures = failures
        self.calls = 0

    def create(self, incident):
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return super().create(incident)


def incident() -> NewIncident:
    return NewIncident("d", "i", "New", ())


def retrying(inner, policy=RetryPolicy()):
    slept: list[float] = []
    return RetryingIncidents(inner, Retrier(policy, slept.append)), slept


def test_two_503s_then_success_creates_one_incident_after_two_pauses():
    inner = FlakyIncidents([SummitUnavailable("503"), SummitUnavailable("503")])
    incidents, slept = retrying(inner)

    number = incidents.create(incident())

    assert (number, inner.calls, list(inner.created)) == ("1001", 3, ["1001"])
    assert slept == [0.5, 1.0]


def test_the_last_transient_failure_is_raised_after_the_attempts_run_out():
    inner = FlakyIncidents([SummitUnavailable(str(n)) for n in range(5)])
    incidents, slept = retrying(inner)

    with pytest.raises(SummitUnavailable, match="2"):
        incidents.create(incident())

    assert inner.calls == 3 and len(slept) == 2


def test_retry_after_is_honoured_instead_of_the_back_off():
    inner = FlakyIncidents([SummitUnavailable("429", retry_after=2.5)])
    incidents, slept = retrying(inner)

    incidents.create(incident())

    assert slept == [2.5]


def test_a_retry_after_longer_than_allowed_ends_the_retries_at_once():
    inner = FlakyIncidents([SummitUnavailable("429", retry_after=600)])
    incidents, slept = retrying(inner)

    with pytest.raises(SummitUnavailable):
        incidents.create(incident())

    assert (inner.calls, slept) == (1, [])


def test_a_rejection_is_not_retried_b_9():
    inner = FlakyIncidents([SummitRejected("Invalid Category_Name")])
    incidents, slept = retrying(inner)

    with pytest.raises(SummitRejected):
        incidents.create(incident())

    assert (inner.calls, slept) == (1, [])


def test_back_off_is_bounded():
    policy = RetryPolicy(attempts=6, first_pause=1, longest_pause=3)
    inner = FlakyIncidents([SummitUnavailable("x") for _ in range(5)])
    incidents, slept = retrying(inner, policy)

    incidents.create(incident())

    assert slept == [1, 2, 3, 3, 3]


def test_a_create_summit_may_have_processed_is_not_retried_to_avoid_a_duplicate_b_9():
    inner = FlakyIncidents([SummitUnavailable("read timeout", maybe_processed=True)])
    incidents, slept = retrying(inner)

    with pytest.raises(SummitUnavailable):
        incidents.create(incident())

    assert (inner.calls, slept) == (1, [])


def test_other_calls_are_retried_even_when_summit_may_have_processed_them():
    class FlakyStatus(InMemoryIncidents):
        calls = 0

        def read(self, ticket_number):
            self.calls += 1
            if self.calls == 1:
                raise SummitUnavailable("read timeout", maybe_processed=True)
            return TicketReading("New")

    inner = FlakyStatus()
    incidents, slept = retrying(inner)

    assert incidents.status_of("1") == "New" and slept == [0.5]


class FlakyFailedJobs(InMemoryDailyJobs):
    """Fails the first `failures` failed_on calls with the given errors."""

    def __init__(self, failures: list[Exception]) -> None:
        super().__init__()
        self.failures, self.calls = failures, 0

    def failed_on(self, dates):
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return super().failed_on(dates)


class FlakyList(InMemoryIncidents):
    def __init__(self, failures: list[Exception]) -> None:
        super().__init__()
        self.failures, self.calls = failures, 0

    def updated_since(self, statuses, since):
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return super().updated_since(statuses, since)


def test_failed_jobs_are_asked_again_after_a_transient_failure_b_15_1():
    inner = FlakyFailedJobs([OpConUnavailable("503")])
    inner.add_failed(make_event())
    slept: list[float] = []

    failed = RetryingDailyJobs(inner, Retrier(RetryPolicy(), slept.append)).failed_on([SCHEDULE_DATE])

    assert ([job.event for job in failed], inner.calls, slept) == ([make_event()], 2, [0.5])


def test_failed_jobs_refused_by_opcon_are_not_asked_again_b_15_1():
    inner = FlakyFailedJobs([OpConError("401")])
    slept: list[float] = []

    with pytest.raises(OpConError):
        RetryingDailyJobs(inner, Retrier(RetryPolicy(), slept.append)).failed_on([SCHEDULE_DATE])

    assert (inner.calls, slept) == (1, [])


def test_the_incident_list_is_read_again_after_a_transient_failure_even_one_summit_may_have_seen_b_15_2():
    inner = FlakyList([SummitUnavailable("read timeout", maybe_processed=True)])
    inner.add_existing("4711", "New")
    slept: list[float] = []

    listed = RetryingIncidentList(inner, Retrier(RetryPolicy(), slept.append)).updated_since(("New",),
                                                                                           date(2024, 9, 21))

    assert ([incident.ticket for incident in listed], inner.calls, slept) == (["4711"], 2, [0.5])


def test_an_incident_list_summit_refused_is_not_read_again_b_15_2():
    inner = FlakyList([SummitRejected("not allowed")])
    slept: list[float] = []

    with pytest.raises(SummitRejected):
        RetryingIncidentList(inner, Retrier(RetryPolicy(), slept.append)).updated_since(("New",), date(2024, 9, 21))

    assert (inner.calls, slept) == (1, [])
