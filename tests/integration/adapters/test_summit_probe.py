"""`check --online` against Summit (B-7): one `IM_GetIncidentDetailsAndChangeHistory` call for ticket 0; the
finding names the key, the URL or the address, and never shows the key (B-6.3)."""

import httpx
import pytest

from summit_connector.adapters.summit import make_summit_client, probe_summit
from summit_connector.domain.findings import Finding, Severity
from summit_connector.domain.template import SummitOptions

from tests.integration.adapters.summit_samples import (
    API_KEY,
    BASE_URL,
    INCIDENT_URL,
    details_reply,
    make_connection,
    summit_mock,
    sent_json,
)


def probe() -> Finding:
    connection = make_connection()
    return probe_summit(make_summit_client(connection), connection, SummitOptions(), "templates/t.json")


def test_b_7_a_json_object_back_means_the_key_works_even_for_a_ticket_that_does_not_exist():
    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL).respond(json=details_reply(Message="Ticket 0 does not exist"))

        finding = probe()

    assert (finding.location, finding.severity) == ("credentials.apiKey", Severity.OK)
    assert finding.message == f"Summit at {BASE_URL} accepts the API key"
    assert sent_json(route)["objCommonParameters"]["TicketNo"] == 0


@pytest.mark.parametrize("status", [401, 403])
def test_b_7_http_401_and_403_mean_the_key_is_refused_b_6_3(status):
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(status, text=f"Unauthorized: {API_KEY}")

        finding = probe()

    assert (finding.location, finding.severity) == ("credentials.apiKey", Severity.ERROR)
    assert f"answered HTTP {status}" in finding.message
    assert finding.hint.startswith("check credentials.apiKey")
    assert API_KEY not in finding.message


def test_b_7_summit_words_of_refusal_mean_the_key_is_refused_b_6_3():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=details_reply(Errors=f"Invalid API key {API_KEY}", Message="Denied"))

        finding = probe()

    assert finding.location == "credentials.apiKey"
    assert finding.message == "Summit refused the API key: Invalid API key *** Denied"


@pytest.mark.parametrize(
    "reply",
    [httpx.Response(404), httpx.Response(415), httpx.Response(200, content=b""), httpx.Response(200, text="<html/>")],
    ids=["404", "415", "empty", "html"],
)
def test_b_7_other_refusals_and_unreadable_answers_point_at_the_incident_url(reply):
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).mock(return_value=reply)

        finding = probe()

    assert (finding.location, finding.severity) == ("urls.incident", Severity.ERROR)
    assert finding.message.startswith(f"Summit IM_GetIncidentDetailsAndChangeHistory: {INCIDENT_URL} answered")


@pytest.mark.parametrize(
    "failure", [httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.Response(500), httpx.Response(429)]
)
def test_b_7_no_answer_or_a_transient_one_points_at_the_address(failure):
    effect = {"side_effect": failure} if isinstance(failure, Exception) else {"return_value": failure}
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).mock(**effect)

        finding = probe()

    assert (finding.location, finding.severity) == ("address.value", Severity.ERROR)
    assert finding.hint.startswith("check address.value, the network and [PROXY SERVER]")
