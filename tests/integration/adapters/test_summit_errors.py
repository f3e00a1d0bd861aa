"""How Summit failures map to SummitUnavailable (retry, B-9) or SummitRejected, and that the key never leaks (B-6.3)."""

import httpx
import pytest

from summit_connector.application.errors import SummitRejected, SummitUnavailable
from summit_connector.domain.incident import IncidentUpdate
from summit_connector.domain.model import JobLog

from tests.integration.adapters.summit_samples import (
    API_KEY,
    ATTACHMENT_URL,
    INCIDENT_URL,
    logged_reply,
    make_incident,
    make_incidents,
    summit_mock,
)


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_server_errors_and_throttling_are_unavailable_so_the_run_retries_b_9(status):
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(status, text="busy")

        with pytest.raises(SummitUnavailable, match=f"HTTP {status}"):
            make_incidents().create(make_incident())


@pytest.mark.parametrize("status", [400, 401, 403, 404, 415])
def test_client_errors_are_rejections_naming_the_status_and_url_b_4_9(status):
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(status, text="Unauthorized")

        with pytest.raises(SummitRejected) as raised:
            make_incidents().create(make_incident())

    assert f"HTTP {status}" in str(raised.value)
    assert INCIDENT_URL in str(raised.value)


@pytest.mark.parametrize(
    "error", [httpx.ReadTimeout, httpx.ConnectTimeout, httpx.ConnectError, httpx.ProxyError, httpx.RemoteProtocolError]
)
def test_timeouts_and_transport_failures_are_unavailable_b_9(error):
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).mock(side_effect=error)

        with pytest.raises(SummitUnavailable) as raised:
            make_incidents().create(make_incident())

    assert isinstance(raised.value.__cause__, error)


def test_a_timeout_names_the_service_and_url_b_9():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).mock(side_effect=httpx.ReadTimeout)

        with pytest.raises(SummitUnavailable, match=f"IM_LogOrUpdateIncident: {INCIDENT_URL} did not answer in time"):
            make_incidents().create(make_incident())


def test_an_html_error_page_is_quoted_on_one_line_and_cut_short_b_4_9():
    page = "<html>\n<body>\n" + "Server Error in '/' Application. " * 100 + "</body></html>"

    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(500, text=page)

        with pytest.raises(SummitUnavailable) as raised:
            make_incidents().create(make_incident())

    assert "\n" not in str(raised.value)
    assert len(str(raised.value)) <= 300


def test_a_proxys_502_page_is_quoted_as_text_without_markup_b_9_4():
    page = ("<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n"
            "<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n")

    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(502, text=page, headers={"Content-Type": "text/html"})

        with pytest.raises(SummitUnavailable) as raised:
            make_incidents().create(make_incident())

    assert str(raised.value) == (
        f"Summit IM_LogOrUpdateIncident: {INCIDENT_URL} answered HTTP 502: 502 Bad Gateway 502 Bad Gateway nginx"
    )
    assert raised.value.maybe_processed


ECHOES_THE_KEY = f"Invalid API key {API_KEY} for user"
FAILURES = {
    "errors-set": dict(json=logged_reply(0, Errors=ECHOES_THE_KEY, Message=ECHOES_THE_KEY)),
    "no-ticket": dict(json=logged_reply(0, Message=f"nothing for {API_KEY}")),
    "http-401": dict(status_code=401, text=ECHOES_THE_KEY),
    "http-500": dict(status_code=500, text=ECHOES_THE_KEY),
    "non-json": dict(status_code=200, text=f"<html>{ECHOES_THE_KEY}</html>"),
    "empty": dict(status_code=200, content=b""),
}


@pytest.mark.parametrize("reply", FAILURES.values(), ids=FAILURES.keys())
def test_the_api_key_never_appears_in_a_create_failure_b_6_3(reply):
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(**reply)

        with pytest.raises((SummitRejected, SummitUnavailable)) as raised:
            make_incidents().create(make_incident())

    assert API_KEY not in str(raised.value)
    assert API_KEY not in repr(raised.value)


def test_the_api_key_never_appears_in_update_or_attach_failures_b_6_3():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=logged_reply(Errors=ECHOES_THE_KEY))
        summit.post(ATTACHMENT_URL).respond(401, text=ECHOES_THE_KEY)
        incidents = make_incidents()

        with pytest.raises(SummitRejected) as on_update:
            incidents.update(IncidentUpdate("4507", "In-Progress", "failed again"))
        with pytest.raises(SummitRejected) as on_attach:
            incidents.attach("4507", JobLog("JOB001.log", b"output"))

    assert API_KEY not in str(on_update.value)
    assert API_KEY not in str(on_attach.value)


def test_the_adapter_repr_does_not_show_the_api_key_b_6_3():
    incidents = make_incidents()

    assert API_KEY not in repr(incidents)
    assert API_KEY not in repr(incidents._connection)


@pytest.mark.parametrize(
    ("reply", "kind", "status"),
    [
        (dict(status_code=401), SummitRejected, 401),
        (dict(status_code=503), SummitUnavailable, 503),
        (dict(status_code=200, content=b""), SummitRejected, 200),
    ],
    ids=["refused", "transient", "empty"],
)
def test_errors_carry_summits_status_and_the_service_as_fields(reply, kind, status):
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(**reply)

        with pytest.raises(kind) as raised:
            make_incidents().create(make_incident())

    assert (raised.value.status_code, raised.value.service) == (status, "IM_LogOrUpdateIncident")


def test_a_rejection_in_summits_words_names_the_service():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=logged_reply(0, Errors="Category not found"))

        with pytest.raises(SummitRejected) as raised:
            make_incidents().create(make_incident())

    assert raised.value.service == "IM_LogOrUpdateIncident"


def test_a_transport_failure_names_the_service_but_no_status():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).mock(side_effect=httpx.ConnectError("refused"))

        with pytest.raises(SummitUnavailable) as raised:
            make_incidents().create(make_incident())

    assert (raised.value.status_code, raised.value.service) == (None, "IM_LogOrUpdateIncident")
