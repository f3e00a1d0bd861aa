"""SummitIncidents.updated_since (B-15.2): `IM_GetIncidentListwithDetails` page after page, as the public C# client
sends and reads it (panoramicdata/SymphonyAi.Summit.Api `Models/IncidentCommonFilter.cs`, `Ticket.cs`,
`IncidentDetail.cs`, `CustomAttribute.cs`)."""

from datetime import date, datetime

import httpx
import pytest

from summit_connector.adapters.summit import SummitIncidents, make_summit_client
from summit_connector.application.errors import SummitRejected, SummitUnavailable
from summit_connector.domain.incident import ListedIncident
from summit_connector.domain.template import SummitOptions

from tests.integration.adapters.summit_samples import (
    API_KEY,
    INCIDENT_URL,
    PROXY_DETAILS,
    list_filter,
    list_reply,
    listed_ticket,
    make_connection,
    make_incidents,
    sent_json,
    summit_mock,
)

STATUSES = ("New", "In-Progress", "Resolved")
SINCE = date(2024, 9, 21)
LIST = "IM_GetIncidentListwithDetails"


def pages(*replies: dict) -> list[httpx.Response]:
    return [httpx.Response(200, json=reply) for reply in replies]


def listed(incidents: SummitIncidents | None = None) -> list[ListedIncident]:
    return (incidents or make_incidents()).updated_since(STATUSES, SINCE)


def test_b_15_2_the_request_is_the_public_clients_filter_for_the_statuses_and_day_from_page_0():
    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL, json__ServiceName=LIST).respond(json=list_reply())

        listed()

    assert sent_json(route) == {
        "ServiceName": LIST,
        "objCommonParameters": {
            "_ProxyDetails": PROXY_DETAILS,
            "objIncidentCommonFilter": {
                "WorkgroupName": "",
                "CurrentPageIndex": 0,
                "PageSize": 100,
                "OrgID": "1",
                "Instance": "",
                "Status": "New,In-Progress,Resolved",
                "strUpdatedFromDate": "2024-09-21",
                "strUpdatedToDate": "",
                "IsWebServiceRequest": True,
                "CategoryName": "",
                "Categories": "",
            },
        },
    }


def test_b_15_2_each_ticket_reads_as_number_symptom_caller_logged_time_status_and_custom_fields():
    ticket = listed_ticket(318417, "09/21/2024 03:15:00", custom=(("OpCon", "Event ID", "20240921|16|2|JOB#7"),),
                           Symptom="OpCon job JOB001 failed ", Status="In-Progress")

    with summit_mock() as summit:
        summit.post(INCIDENT_URL).mock(side_effect=pages(list_reply(ticket), list_reply()))

        found = listed()

    assert found == [ListedIncident("318417", "OpCon job JOB001 failed ", "opcon@example.com",
                                    datetime(2024, 9, 21, 3, 15), "In-Progress",
                                    (("OpCon", "Event ID", "20240921|16|2|JOB#7"),))]


def test_b_15_2_pages_are_asked_from_0_until_an_empty_page():
    replies = [list_reply(*(listed_ticket(1000 * page + n) for n in range(1, 4))) for page in range(3)]

    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL).mock(side_effect=pages(*replies, list_reply()))

        found = listed()

    assert [list_filter(route, call)["CurrentPageIndex"] for call in range(4)] == [0, 1, 2, 3]
    assert [incident.ticket for incident in found] == ["1", "2", "3", "1001", "1002", "1003", "2001", "2002", "2003"]


def test_b_15_2_at_most_20_pages_are_asked():
    replies = [list_reply(listed_ticket(page + 1)) for page in range(25)]

    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL).mock(side_effect=pages(*replies))

        found = listed()

    assert len(route.calls) == 20
    assert list_filter(route)["CurrentPageIndex"] == 19
    assert len(found) == 20


def test_b_15_2_a_page_of_incidents_already_seen_ends_the_paging_and_none_is_listed_twice():
    page = list_reply(listed_ticket(1), listed_ticket(2))

    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL).mock(side_effect=pages(page, list_reply(listed_ticket(2), listed_ticket(3)),
                                                                 page))

        found = listed()

    assert len(route.calls) == 3
    assert [incident.ticket for incident in found] == ["1", "2", "3"]


@pytest.mark.parametrize(
    "reply",
    [list_reply(OutputObject=None), list_reply(OutputObject={"MyTickets": None}), list_reply(OutputObject={})],
    ids=["no-output", "null-tickets", "no-tickets"],
)
def test_b_15_2_a_reply_without_tickets_is_an_empty_page(reply):
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=reply)

        assert listed() == []


def test_b_15_2_the_number_is_incident_id_never_the_text_ticket_id_and_a_ticket_without_one_is_left_out():
    tickets = [listed_ticket(0), listed_ticket(None), listed_ticket(318417), {"IncidentDetail": [],
               "CustomAttribute": []}, {"IncidentDetail": listed_ticket(318418)["IncidentDetail"][0]},
               listed_ticket(0, Ticket_No="318419")]

    with summit_mock() as summit:
        summit.post(INCIDENT_URL).mock(side_effect=pages(list_reply(*tickets), list_reply()))

        found = listed()

    assert [(incident.ticket, incident.custom_fields) for incident in found] == [
        ("318417", ()), ("318418", ()), ("318419", ())]


def test_b_15_2_a_body_wrapped_in_a_json_string_is_read_as_the_object_b_4_9():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).mock(side_effect=[
            httpx.Response(200, json=httpx.Response(200, json=list_reply(listed_ticket(7))).text),
            httpx.Response(200, json=list_reply()),
        ])

        assert [incident.ticket for incident in listed()] == ["7"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024-09-21T03:15:00", datetime(2024, 9, 21, 3, 15)),
        ("2024-09-21 03:15:00", datetime(2024, 9, 21, 3, 15)),
        ("2024-09-21T03:15:00.1234567", datetime(2024, 9, 21, 3, 15, 0, 123456)),
        ("2024-09-21T01:15:00Z", datetime(2024, 9, 21, 3, 15)),
        ("2024-09-21T03:15:00.000+02:00", datetime(2024, 9, 21, 3, 15)),
        ("2024-09-21T06:45:00+05:30", datetime(2024, 9, 21, 3, 15)),
        ("09/21/2024 03:15:00", datetime(2024, 9, 21, 3, 15)),
        ("9/21/2024 3:15:00 PM", datetime(2024, 9, 21, 15, 15)),
        ("  09/21/2024 03:15:00 ", datetime(2024, 9, 21, 3, 15)),
        ("21/09/2024 03:15:00", None),
        ("yesterday", None),
        ("", None),
        ("2024-02-30T03:15:00", None),
    ],
)
def test_b_15_2_logged_time_is_read_leniently_to_local_time_and_unreadable_is_none(text, expected):
    connection = make_connection()
    incidents = SummitIncidents(make_summit_client(connection), connection, SummitOptions(),
                                timezone="Europe/Berlin")

    with summit_mock() as summit:
        summit.post(INCIDENT_URL).mock(side_effect=pages(list_reply(listed_ticket(7, text)), list_reply()))

        [incident] = listed(incidents)

    assert incident.logged_time == expected


def test_b_15_2_a_non_text_logged_time_is_none_not_an_error():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).mock(side_effect=pages(list_reply(listed_ticket(7, None)), list_reply()))

        [incident] = listed()

    assert incident.logged_time is None


def test_b_15_2_a_tenant_writing_day_first_names_its_format():
    connection = make_connection()
    incidents = SummitIncidents(make_summit_client(connection), connection, SummitOptions(),
                                time_formats=("dd/MM/yyyy HH:mm:ss",))

    with summit_mock() as summit:
        summit.post(INCIDENT_URL).mock(side_effect=pages(list_reply(listed_ticket(7, "21/09/2024 03:15:00"),
                                                                    listed_ticket(8, "09/21/2024 03:15:00")),
                                                         list_reply()))

        found = listed(incidents)

    assert [incident.logged_time for incident in found] == [datetime(2024, 9, 21, 3, 15), None]


def test_b_15_2_errors_set_is_a_rejection_quoting_them_and_hiding_the_key():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=list_reply(Errors=f"Invalid API key {API_KEY}"))

        with pytest.raises(SummitRejected, match=r"IM_GetIncidentListwithDetails rejected the request") as refused:
            listed()

    assert API_KEY not in str(refused.value)
    assert refused.value.service == LIST


def test_b_15_2_errors_on_a_later_page_fail_the_whole_list():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).mock(side_effect=pages(list_reply(listed_ticket(1)), list_reply(Errors="Timeout")))

        with pytest.raises(SummitRejected, match="Timeout"):
            listed()


@pytest.mark.parametrize(
    "answer",
    [httpx.Response(503), httpx.Response(500), httpx.Response(429), httpx.ConnectError("refused"),
     httpx.ReadTimeout("slow")],
    ids=["503", "500", "429", "connect", "timeout"],
)
def test_b_15_2_transport_failures_and_5xx_are_unavailable_b_9(answer):
    effect = {"side_effect": answer} if isinstance(answer, Exception) else {"return_value": answer}
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).mock(**effect)

        with pytest.raises(SummitUnavailable) as unavailable:
            listed()

    assert unavailable.value.service == LIST


@pytest.mark.parametrize(
    "answer, said",
    [
        (httpx.Response(401, text="Unauthorized"), "answered HTTP 401"),
        (httpx.Response(404), "answered HTTP 404"),
        (httpx.Response(200, content=b""), "empty body"),
        (httpx.Response(200, text="<html><title>Sign in</title></html>"), "something other than a JSON object"),
        (httpx.Response(200, json=list_reply(OutputObject={"MyTickets": "none"})), "unexpected shape"),
        (httpx.Response(200, json=list_reply(OutputObject={"MyTickets": [{"IncidentDetail": 5}]})),
         "unexpected shape"),
    ],
    ids=["401", "404", "empty", "sign-in-page", "tickets-not-a-list", "row-not-an-object"],
)
def test_b_15_2_refusals_and_unreadable_replies_are_rejections(answer, said):
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).mock(return_value=answer)

        with pytest.raises(SummitRejected, match=said):
            listed()
