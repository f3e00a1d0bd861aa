"""B-4.5 over the wire: the details reply gives the status with Sup_Function, Medium, Source and Caller_EmailID
(keys of the public client's `IncidentDetail2.cs`), and the update's Ticket re-sends them where the create and the
public update samples place them; an empty one is never sent."""

import pytest

from summit_connector.domain.incident import IncidentUpdate, TicketReading

from tests.integration.adapters.summit_samples import (
    INCIDENT_URL,
    common_reply,
    details_reply,
    make_incidents,
    sent_json,
    summit_mock,
    ticket_detail,
)

HELD = (("Sup_Function", "MSP"), ("Medium", "Phone"), ("Source", "Event Trigger"),
        ("Caller_EmailID", "analyst@example.com"))
FAILED_AGAIN = "OpCon job JOB001 failed again"


def _read(row: dict):
    with summit_mock() as summit:
        summit.post(INCIDENT_URL, json__ServiceName="IM_GetIncidentDetailsAndChangeHistory").respond(
            json=details_reply(row))
        return make_incidents().read("4507")


def _sent_ticket(update: IncidentUpdate) -> dict:
    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL, json__ServiceName="IM_LogOrUpdateIncident").respond(json=common_reply())
        make_incidents().update(update)
    return sent_json(route)["objCommonParameters"]["incidentParamsJSON"]["IncidentContainerJsonObj"]["Ticket"]


def test_the_details_reply_gives_the_status_and_the_held_fields_b_4_5():
    row = ticket_detail("In-Progress") | {"Sup_Function": "MSP", "Sup_Function_Name": "Managed Services",
                                          "Medium": "Phone", "Source": "Event Trigger",
                                          "Caller_EmailID": "analyst@example.com", "Caller_Name": "Ann Alyst",
                                          "WG_Name": "Hardware"}

    assert _read(row) == TicketReading("In-Progress", HELD)


@pytest.mark.parametrize("empty", ["", "   ", None, 7, {"Name": "Phone"}])
def test_a_held_field_summit_returns_empty_or_not_as_text_is_not_read_b_4_5(empty):
    row = ticket_detail("New") | {"Sup_Function": "MSP", "Medium": empty, "Caller_EmailID": " a@example.com "}

    assert _read(row) == TicketReading("New", (("Sup_Function", "MSP"), ("Caller_EmailID", "a@example.com")))


def test_a_row_without_the_held_fields_still_gives_the_status_b_4_5():
    assert _read(ticket_detail("Assigned")) == TicketReading("Assigned")


def test_an_unreadable_status_gives_no_reading_even_with_held_fields_b_4_5():
    assert _read(ticket_detail(" ") | {"Medium": "Phone"}) is None


def test_status_of_is_still_the_status_alone_b_4_5():
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(json=details_reply(ticket_detail("Pending") | {"Medium": "Phone"}))
        assert make_incidents().status_of("4507") == "Pending"


def test_the_update_ticket_carries_the_held_fields_beside_the_fixed_keys_b_4_5():
    ticket = _sent_ticket(IncidentUpdate("4507", "Assigned", FAILED_AGAIN, held=HELD))

    assert ticket == {"IsFromWebService": True, "Ticket_No": "4507", "Status": "Assigned", "PageName": "TicketDetail",
                      "Sup_Function": "MSP", "Medium": "Phone", "Source": "Event Trigger",
                      "Caller_EmailID": "analyst@example.com"}


def test_the_update_never_carries_routing_attributes_it_was_not_given_b_4_5():
    ticket = _sent_ticket(IncidentUpdate("4507", "In-Progress", FAILED_AGAIN, held=HELD))

    assert not {"Assigned_WorkGroup_Name", "Category_Name", "Assigned_Engineer_Email", "Assign_To"} & ticket.keys()


def test_an_empty_held_value_is_not_sent_b_4_5():
    ticket = _sent_ticket(IncidentUpdate("4507", "", FAILED_AGAIN, held=(("Medium", " "), ("Source", "Web"))))

    assert ticket == {"IsFromWebService": True, "Ticket_No": "4507", "PageName": "TicketDetail", "Source": "Web"}


def test_without_a_status_read_the_update_is_sent_as_before_without_held_fields_b_4_5():
    ticket = _sent_ticket(IncidentUpdate("4507", "In-Progress", FAILED_AGAIN))

    assert ticket == {"IsFromWebService": True, "Ticket_No": "4507", "Status": "In-Progress",
                      "PageName": "TicketDetail"}


def test_an_attribute_of_a_resolving_update_wins_over_the_held_value_b_4_5_b_11_2():
    update = IncidentUpdate("4507", "Resolved", "", (("Medium", "Monitoring"),), "Rerun succeeded", HELD)

    ticket = _sent_ticket(update)

    assert (ticket["Medium"], ticket["Sup_Function"]) == ("Monitoring", "MSP")
