"""SummitIncidents.status_of: IM_GetIncidentDetailsAndChangeHistory, None when the status cannot be read (B-4.5)."""

import json

import httpx
import pytest

from summit_connector.application.errors import SummitRejected, SummitUnavailable

from tests.integration.adapters.summit_samples import (
    INCIDENT_URL,
    PROXY_DETAILS,
    common_reply,
    details_reply,
    make_incidents,
    sent_json,
    summit_mock,
    ticket_detail,
)


def test_status_of_posts_the_details_envelope_with_an_int_ticket_no_and_reads_the_status_b_4_5():
    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL, json__ServiceName="IM_GetIncidentDetailsAndChangeHistory").respond(
            json=details_reply(ticket_detail("Resolved"))
        )
        status = make_incidents().status_of("4507")

    assert status == "Resolved"
    assert sent_json(route) == {
        "ServiceName": "IM_GetIncidentDetailsAndChangeHistory",
        "objCommonParameters": {"_ProxyDetails": PROXY_DETAILS, "TicketNo": 4507, "RequestType": "RemoteCall"},
    }


def test_status_of_reads_a_double_encoded_reply_b_4_5():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=json.dumps(details_reply(ticket_detail("In-Progress"))))
        status = make_incidents().status_of("4507")

    assert status == "In-Progress"


def test_status_of_accepts_ticket_details_as_a_single_object_b_4_5():
    reply = common_reply(OutputObject={"IncidentDetails": {"TicketDetails": ticket_detail("Closed")}})

    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=reply)
        status = make_incidents().status_of("4507")

    assert status == "Closed"


UNREADABLE = {
    "errors-set": details_reply(ticket_detail("New"), Errors="Ticket 4507 not found"),
    "no-ticket-details": details_reply(),
    "no-output-object": common_reply(),
    "output-object-is-text": common_reply(OutputObject="nothing here"),
    "ticket-details-not-a-list": common_reply(OutputObject={"IncidentDetails": {"TicketDetails": "4507"}}),
    "status-missing": details_reply({"Ticket_No": "4507"}),
    "status-blank": details_reply(ticket_detail("  ")),
}


@pytest.mark.parametrize("reply", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_status_of_is_none_when_the_reply_holds_no_readable_status_b_4_5(reply):
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=reply)
        status = make_incidents().status_of("4507")

    assert status is None


@pytest.mark.parametrize("body", [b"", b"<html>oops</html>", b"[]"], ids=["empty", "html", "array"])
def test_status_of_is_none_when_the_body_is_not_a_json_object_b_4_5(body):
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(200, content=body)
        status = make_incidents().status_of("4507")

    assert status is None


def test_status_of_a_ticket_number_that_is_not_numeric_is_none_without_asking_b_4_5():
    with summit_mock():
        status = make_incidents().status_of("INC-4507")

    assert status is None


@pytest.mark.parametrize("reply", [httpx.Response(500), httpx.Response(429)], ids=["500", "429"])
def test_status_of_on_server_errors_is_unavailable_b_9(reply):
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).mock(return_value=reply)

        with pytest.raises(SummitUnavailable):
            make_incidents().status_of("4507")


def test_status_of_on_timeout_is_unavailable_b_9():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).mock(side_effect=httpx.ReadTimeout)

        with pytest.raises(SummitUnavailable):
            make_incidents().status_of("4507")


def test_status_of_refused_with_401_is_a_rejection_not_a_silent_none_b_4_5():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(401)

        with pytest.raises(SummitRejected, match="HTTP 401"):
            make_incidents().status_of("4507")


def test_status_of_a_ticket_number_with_surrounding_spaces_asks_for_the_number_b_4_5():
    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL).respond(json=details_reply(ticket_detail("New")))
        status = make_incidents().status_of(" 4507 ")

    assert status == "New"
    assert sent_json(route)["objCommonParameters"]["TicketNo"] == 4507
