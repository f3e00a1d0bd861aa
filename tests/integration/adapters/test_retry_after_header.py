"""429/503 replies carry their Retry-After into the transient error, for both APIs (B-9)."""

from datetime import date

import httpx
import pytest
import respx

from summit_connector.adapters.opcon.http import OpConConnection
from summit_connector.adapters.summit.http import SummitConnection
from summit_connector.adapters.opcon import OpConDailyJobs, make_opcon_client
from summit_connector.adapters.transport.retry_after import retry_after_seconds
from summit_connector.adapters.summit import SummitIncidents, make_summit_client
from summit_connector.application.errors import OpConUnavailable, SummitUnavailable
from summit_connector.domain.incident import NewIncident
from summit_connector.domain.model import FailureEvent
from summit_connector.domain.template import SummitOptions

OPCON = "https://opcon.example:9010"
SUMMIT = "https://summit.example"


@pytest.mark.parametrize(("headers", "seconds"), [
    ({"Retry-After": "3"}, 3.0),
    ({"Retry-After": "Sat, 21 Sep 2024 03:00:10 GMT", "Date": "Sat, 21 Sep 2024 03:00:00 GMT"}, 10.0),
    ({"Retry-After": "Sat, 21 Sep 2024 03:00:10 GMT"}, None),
    ({"Retry-After": "soon"}, None),
    ({}, None),
])
def test_retry_after_reads_seconds_or_a_date_against_the_reply_date(headers, seconds):
    assert retry_after_seconds(httpx.Response(429, headers=headers)) == seconds


def test_summit_429_carries_retry_after():
    connection = SummitConnection(SUMMIT, "key", incident_path="svc")
    incidents = SummitIncidents(make_summit_client(connection), connection, SummitOptions())

    with respx.mock(assert_all_called=True) as router, pytest.raises(SummitUnavailable) as failure:
        router.post(f"{SUMMIT}/svc").mock(return_value=httpx.Response(429, headers={"Retry-After": "2"}))
        incidents.create(NewIncident("d", "i", "New", ()))

    assert failure.value.retry_after == 2.0


def test_opcon_503_carries_retry_after():
    daily_jobs = OpConDailyJobs(make_opcon_client(OpConConnection(OPCON, "token")))

    with respx.mock(assert_all_called=True) as router, pytest.raises(OpConUnavailable) as failure:
        router.get(f"{OPCON}/api/dailyschedules").mock(return_value=httpx.Response(503, headers={"Retry-After": "1"}))
        daily_jobs.find(FailureEvent("A", "S", "J", "1", date(2024, 9, 21), 16, 1))

    assert failure.value.retry_after == 1.0


@pytest.mark.parametrize(("outcome", "maybe_processed"), [
    (httpx.ConnectError("refused"), False),
    (httpx.ConnectTimeout("no connection"), False),
    (httpx.ReadTimeout("no answer"), True),
    (httpx.RemoteProtocolError("dropped"), True),
    (httpx.Response(503), False),
    (httpx.Response(429), False),
    (httpx.Response(500), True),
    (httpx.Response(504), True),
])
def test_summit_says_whether_it_may_have_acted_on_a_failed_request_b_9(outcome, maybe_processed):
    connection = SummitConnection(SUMMIT, "key", incident_path="svc")
    incidents = SummitIncidents(make_summit_client(connection), connection, SummitOptions())
    mock = {"side_effect": outcome} if isinstance(outcome, Exception) else {"return_value": outcome}

    with respx.mock(assert_all_called=True) as router, pytest.raises(SummitUnavailable) as failure:
        router.post(f"{SUMMIT}/svc").mock(**mock)
        incidents.create(NewIncident("d", "i", "New", ()))

    assert failure.value.maybe_processed is maybe_processed


def test_retry_after_with_an_odd_date_pair_is_ignored_not_a_crash():
    headers = {"Retry-After": "Sat, 21 Sep 2024 03:00:10 -0000", "Date": "Sat, 21 Sep 2024 03:00:00 GMT"}

    assert retry_after_seconds(httpx.Response(503, headers=headers)) is None
