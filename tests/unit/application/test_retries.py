"""Transient failures are retried inside the run with a bounded back-off; Retry-After is honoured (B-9)."""

import pytest

from summit_connector.adapters.memory import InMemoryIncidents
from summit_connector.application.errors import SummitRejected, SummitUnavailable
from summit_connector.application.retry import Retrier, RetryingIncidents, RetryPolicy
from summit_connector.domain.incident import NewIncident, TicketReading



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
