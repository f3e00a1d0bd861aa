"""SummitIncidents.update: new failure information on an existing ticket, status as the caller decided (B-4.5)."""

import pytest

from summit_connector.application.errors import SummitRejected, SummitUnavailable
from summit_connector.domain.incident import IncidentUpdate

from tests.integration.adapters.summit_samples import (
    INCIDENT_URL,
    PROXY_DETAILS,
    common_reply,
    make_incidents,
    sent_json,
    summit_mock,
)

FAILED_AGAIN = "OpCon job JOB001 failed again: schedule PAYROLL (2024-09-21, id 12, instance 1), agent A1"


def _container(route):
    return sent_json(route)["objCommonParameters"]["incidentParamsJSON"]["IncidentContainerJsonObj"]


def test_update_of_an_open_ticket_sends_the_envelope_with_its_status_kept_b_4_5():
    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL, json__ServiceName="IM_LogOrUpdateIncident").respond(json=common_reply())
        make_incidents().update(IncidentUpdate("4507", "Assigned", FAILED_AGAIN))

    assert sent_json(route) == {
        "ServiceName": "IM_LogOrUpdateIncident",
        "objCommonParameters": {
            "_ProxyDetails": PROXY_DETAILS,
            "incidentParamsJSON": {
                "IncidentContainerJsonObj": {
                    "Updater": "Executive",
                    "Ticket": {
                        "IsFromWebService": True,
                        "Ticket_No": "4507",
                        "Status": "Assigned",
                        "PageName": "TicketDetail",
                    },
                    "TicketInformation": {"Information": FAILED_AGAIN, "InternalLog": "", "UserLog": ""},
                    "CustomFields": [],
                }
            },
            "RequestType": "RemoteCall",
        },
    }


def test_reopening_a_resolved_ticket_sends_the_status_the_caller_chose_b_4_5():
    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL).respond(json=common_reply())
        make_incidents().update(IncidentUpdate("4507", "In-Progress", FAILED_AGAIN))

    assert _container(route)["Ticket"]["Status"] == "In-Progress"
    assert _container(route)["Ticket"]["Ticket_No"] == "4507"


def test_update_succeeds_without_a_ticket_no_in_the_reply_b_4_5():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json={"Errors": "", "Message": "Incident updated"})

        make_incidents().update(IncidentUpdate("4507", "In-Progress", FAILED_AGAIN))


def test_update_with_errors_set_is_a_rejection_quoting_them_b_4_5_b_9():
    reply = common_reply(Errors="Status transition New -> Resolved is not allowed")

    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=reply)

        with pytest.raises(SummitRejected, match="Status transition New -> Resolved is not allowed"):
            make_incidents().update(IncidentUpdate("4507", "Resolved", FAILED_AGAIN))


def test_update_with_an_empty_reply_is_a_rejection_b_4_9():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(200, content=b"")

        with pytest.raises(SummitRejected, match="empty body"):
            make_incidents().update(IncidentUpdate("4507", "In-Progress", FAILED_AGAIN))


def test_update_answered_by_a_2xx_page_that_is_not_json_is_unavailable_maybe_processed_not_a_rejection_b_9_2():
    page = "<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body>Sign in</body></html>"

    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(200, text=page, headers={"Content-Type": "text/html"})

        with pytest.raises(SummitUnavailable) as raised:
            make_incidents().update(IncidentUpdate("4507", "In-Progress", FAILED_AGAIN))

    assert (raised.value.maybe_processed, raised.value.status_code) == (True, 200)
    assert raised.value.service == "IM_LogOrUpdateIncident"
    assert "Sign in to your account" in str(raised.value) and "<" not in str(raised.value)


def test_update_on_503_is_unavailable_b_9():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(503)

        with pytest.raises(SummitUnavailable):
            make_incidents().update(IncidentUpdate("4507", "In-Progress", FAILED_AGAIN))


def test_a_resolving_update_sends_its_attributes_as_ticket_keys_and_the_solution_b_11_2():
    update = IncidentUpdate("4507", "Resolved", "", (("Closure_Code_Name", "Successful"), ("Status", "New")),
                            "Rerun succeeded")

    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL).respond(json=common_reply())
        make_incidents().update(update)

    container = _container(route)
    assert container["Ticket"] == {"IsFromWebService": True, "Ticket_No": "4507", "Status": "Resolved",
                                   "PageName": "TicketDetail", "Closure_Code_Name": "Successful"}
    assert container["TicketInformation"] == {"Information": "", "InternalLog": "", "UserLog": "",
                                              "Solution": "Rerun succeeded"}


def test_an_update_without_a_status_leaves_the_ticket_status_alone_b_11_2():
    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL).respond(json=common_reply())
        make_incidents().update(IncidentUpdate("4507", "", "OpCon job JOB001 completed"))

    assert "Status" not in _container(route)["Ticket"]
    assert "Solution" not in _container(route)["TicketInformation"]
