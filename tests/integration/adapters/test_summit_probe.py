"""`check --online` against Summit (B-7): one `IM_GetIncidentDetailsAndChangeHistory` call for ticket 0; the
finding names the key, the URL or the address, and never shows the key (B-6.3). Once the key works, one page of
`IM_GetIncidentListwithDetails` says whether the incident list answers (B-15.2)."""

import httpx
import pytest

from summit_connector.adapters.summit import make_summit_client, probe_summit
from summit_connector.domain.findings import Finding, Severity
from summit_connector.domain.template import SummitOptions

from tests.integration.adapters.summit_samples import (
    API_KEY,
    BASE_URL,
    INCIDENT_URL,
    TODAY,
    details_reply,
    list_filter,
    list_reply,
    listed_ticket,
    make_connection,
    summit_mock,
    sent_json,
)

KNOWN_STATUSES = ("New", "In-Progress", "Resolved", "Closed", "Cancelled")
DETAILS, LIST = "IM_GetIncidentDetailsAndChangeHistory", "IM_GetIncidentListwithDetails"


def probe_all() -> list[Finding]:
    connection = make_connection()
    return probe_summit(make_summit_client(connection), connection, SummitOptions(), "templates/t.json",
                        KNOWN_STATUSES, TODAY)


def probe() -> Finding:
    """The key's finding (the list answers, or is not asked)."""
    return probe_all()[0]


def list_answers(summit, **reply):
    return summit.post(INCIDENT_URL, json__ServiceName=LIST).respond(**(reply or {"json": list_reply()}))


def test_b_7_a_json_object_back_means_the_key_works_even_for_a_ticket_that_does_not_exist():
    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL, json__ServiceName=DETAILS).respond(
            json=details_reply(Message="Ticket 0 does not exist"))
        list_answers(summit)

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


def test_b_15_2_the_list_answering_is_an_ok_finding_at_the_incident_url_after_the_key():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL, json__ServiceName=DETAILS).respond(json=details_reply())
        route = list_answers(summit, json=list_reply(listed_ticket(318417), listed_ticket(318418)))

        key, listed = probe_all()

    assert key.severity is Severity.OK
    assert (listed.location, listed.severity, listed.file) == ("urls.incident", Severity.OK, "templates/t.json")
    assert listed.message == ("Summit's incident list answers (IM_GetIncidentListwithDetails: 2 incidents updated "
                              "since 2024-09-21 on its first page)")
    assert len(route.calls) == 1
    assert (list_filter(route)["Status"], list_filter(route)["strUpdatedFromDate"]) == (
        "New,In-Progress,Resolved,Closed,Cancelled", "2024-09-21")
    assert list_filter(route)["CurrentPageIndex"] == 0


@pytest.mark.parametrize(
    "reply, said",
    [
        (dict(json=list_reply(Errors="ServiceName 'IM_GetIncidentListwithDetails' is not allowed for this key")),
         "rejected the request: Errors: ServiceName 'IM_GetIncidentListwithDetails' is not allowed for this key"),
        (dict(status_code=500, text="Server Error"), "answered HTTP 500: Server Error"),
        (dict(status_code=200, content=b""), "answered with an empty body"),
        (dict(json=list_reply(OutputObject={"MyTickets": "none"})), "answered an unexpected shape"),
    ],
    ids=["errors", "500", "empty", "shape"],
)
def test_b_15_2_a_list_that_does_not_answer_is_a_warning_with_the_reason(reply, said):
    with summit_mock() as summit:
        summit.post(INCIDENT_URL, json__ServiceName=DETAILS).respond(json=details_reply())
        list_answers(summit, **reply)

        key, listed = probe_all()

    assert key.severity is Severity.OK
    assert (listed.location, listed.severity) == ("urls.incident", Severity.WARNING)
    assert listed.message.startswith("Summit's incident list does not answer: Summit IM_GetIncidentListwithDetails")
    assert said in listed.message
    assert listed.hint.startswith("allow IM_GetIncidentListwithDetails for the key's role")
    assert API_KEY not in listed.message


def test_b_15_2_the_list_is_not_asked_when_the_key_is_refused():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL, json__ServiceName=DETAILS).respond(json=details_reply(Errors="Invalid API key"))

        findings = probe_all()

    assert [finding.location for finding in findings] == ["credentials.apiKey"]
