"""Contract: IM_GetIncidentListwithDetails as the public C# client sends and reads it (B-15.2).

The client is panoramicdata/SymphonyAi.Summit.Api @ 01ab27a1c7e3, files under `SymphonyAi.Summit.Api/`:
- request: `Models/GetIncidentListDetailedRequest.cs` (ServiceName "IM_" + "GetIncidentListwithDetails" through
  `Models/IncidentRequest.cs`), `Models/IncidentCommonParameters.cs` (the filter at
  `objCommonParameters.objIncidentCommonFilter`), `Models/IncidentCommonFilter.cs` (its keys and defaults: Status
  "New,In-Progress", PageSize 100, CurrentPageIndex 0), `Models/ProxyDetails.cs`;
- paging from 0 until an empty page: `SymphonyAi.Summit.Api.Test/IncidentTests.cs`
  (`GetIncidentListDetails_MultiplePageRequests_Succeeds`, strUpdatedFromDate "2023-02-01"), and commit 10a27ef
  ("Bugfixes on retrieval of incidents") moving CurrentPageIndex's default from 1 to 0;
- reply: `Models/GetIncidentListResponse.cs`, `Models/IncidentListOutputObject.cs` (MyTickets,
  GridViewDisplayColumns), `Models/Ticket.cs` (IncidentDetail, CustomAttribute), `Models/IncidentDetail.cs`,
  `Models/CustomAttribute.cs`.
Logged_Time is a `string` there and no public sample shows it: the emulator writes `MM/dd/yyyy HH:mm:ss`, the
tenant's wall-clock time by the emulator's clock (src/adapters/emulator/summit/date_times.py).
"""

from datetime import datetime

import httpx
import pytest

from summit_connector.adapters.emulator import Emulator

from tests.integration.emulator.csharp_models import CUSTOM_ATTRIBUTE, shape_errors
from tests.integration.emulator.emulator_requests import JSON_CALL, PROXY

INCIDENT_DETAIL = {
    int: "ROWNUM TotalRows Incident_ID Resolution_SLA Age Response_ElapseTime Resolution_ElapseTime SLAProgress "
         "IsParentRecord IsChild IsParent AssignedToMe SLARemainingTime IsAttExists IsAutoResolve",
    bool: "Reopened",
    str: "Ticket_ID Logged_Time Status Symptom Workgroup_Name Executive_Name Priority PriorityColorCode SLAName "
         "CallerName Caller_EmailId Response_SLA_Reason Resolution_SLA_Reason UserProfileImageName Sup_Function "
         "Updated_Time Urgency Impact Service_Window Vendor_Incident_ID Vendor_Name Vendor_status "
         "Assigned_Engineer_Name_Secondary Response_Deadline Resolution_Deadline IsMajorIncident AgeClass AgingInfo "
         "SLAPercent Remaining_SLA_Time Description",
    object: "Assigned_Engineer UserTypeColor UserTypeName Resolution_Time CallerUpdate Customer Location "
            "Classification FullClassification Category FullCategory OpenCategory FullOpenCategory Pending_Reason "
            "Schedule_Date VendorIncidentStartDate VendorIncidentEndDate Response_voilation Resolution_voilation "
            "Reslution_Code_Name Closure_Code_Name SLAProgressClass SubWorkgroup_Name Solution User_Log Private_Log "
            "AttachmentNames",
}
"""`SymphonyAi.Summit.Api/Models/IncidentDetail.cs`: JSON property name by the C# type it is read into."""
SEEDED_AT = datetime(2024, 9, 20, 9, 0, 0)
ALL_STATUSES = "New,Assigned,In-Progress,Pending,Resolved,Closed,Cancelled"


class Clock:
    """The emulator's clock, set by the test."""

    def __init__(self) -> None:
        self.now = SEEDED_AT

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def clock():
    return Clock()


@pytest.fixture(scope="module")
def emulator(clock):
    with Emulator(clock=clock) as running:
        running.seed_samples()
        yield running


@pytest.fixture(autouse=True)
def fresh(emulator, clock):
    """The sample tickets 9001 (In-Progress), 9002 (Resolved) and 9003 (Closed) are logged at SEEDED_AT."""
    clock.now = SEEDED_AT
    emulator.reset()


@pytest.fixture(scope="module")
def summit(emulator):
    with httpx.Client(base_url=emulator.summit_url, timeout=5) as client:
        yield client


def list_request(**filter_keys) -> dict:
    """What `new GetIncidentListDetailsRequest()` serialises to, with `filter_keys` changed."""
    common_filter = {"Executive": None, "WorkgroupName": "", "CurrentPageIndex": 0, "PageSize": 100, "OrgID": "1",
                     "Instance": "", "Status": "New,In-Progress", "strUpdatedFromDate": "", "strUpdatedToDate": "",
                     "IsWebServiceRequest": True, "CategoryName": "", "Categories": "", **filter_keys}
    return {"ServiceName": "IM_GetIncidentListwithDetails",
            "objCommonParameters": {"_ProxyDetails": {**PROXY, "TokenID": None},
                                    "objIncidentCommonFilter": common_filter}}


def create(summit, description: str = "JOB001 failed", caller: str = "ops@example.com",
           custom_fields: list | None = None) -> int:
    ticket = {"Ticket_No": "", "IsFromWebService": True, "Status": "New", "Description": description,
              "Caller_EmailID": caller, "Sup_Function": "IT", "Assigned_WorkGroup_Name": "DevOps"}
    container = {"Updater": "Executive", "Ticket": ticket, "TicketInformation": {"Information": "details"},
                 "CustomFields": custom_fields or []}
    body = {"ServiceName": "IM_LogOrUpdateIncident",
            "objCommonParameters": {"_ProxyDetails": PROXY, "RequestType": "RemoteCall",
                                    "incidentParamsJSON": {"IncidentContainerJsonObj": container}}}
    return summit.post(JSON_CALL, json=body).json()["TicketNo"]


def listed(summit, **filter_keys) -> dict:
    response = summit.post(JSON_CALL, json=list_request(**filter_keys))
    assert response.status_code == 200
    return response.json()


def numbers(reply: dict) -> list[int]:
    return [ticket["IncidentDetail"][0]["Incident_ID"] for ticket in reply["OutputObject"]["MyTickets"]]


def test_the_c_sharp_clients_default_request_lists_new_and_in_progress_incidents(summit):
    created = create(summit)

    reply = listed(summit)

    assert reply["Errors"] == ""
    assert numbers(reply) == [created, 9001]


def test_the_reply_is_my_tickets_of_ticket_objects_as_incident_list_output_object_and_ticket_cs(summit):
    """`Models/IncidentListOutputObject.cs` and `Models/Ticket.cs`: each ticket one IncidentDetail row."""
    create(summit, custom_fields=[{"GroupName": "OpCon", "Name": "Event ID", "Value": "e-1"}])

    reply = listed(summit)

    assert {"MyTickets", "GridViewDisplayColumns"} == reply["OutputObject"].keys()
    assert [ticket.keys() for ticket in reply["OutputObject"]["MyTickets"]] == [{"IncidentDetail",
                                                                                  "CustomAttribute"}] * 2
    assert [len(ticket["IncidentDetail"]) for ticket in reply["OutputObject"]["MyTickets"]] == [1, 1]


def test_a_listed_row_has_exactly_the_keys_and_types_of_incident_detail_cs(summit, emulator):
    create(summit)
    emulator.set_incident_status("9002", "In-Progress")

    reply = listed(summit, Status=ALL_STATUSES)

    rows = [ticket["IncidentDetail"][0] for ticket in reply["OutputObject"]["MyTickets"]]
    assert [shape_errors(row, INCIDENT_DETAIL) for row in rows] == [[]] * 4


def test_custom_attributes_are_the_creates_custom_fields_with_custom_attribute_cs_keys(summit):
    create(summit, custom_fields=[{"GroupName": "OpCon", "Name": "Event ID", "Value": "e-1"},
                                  {"GroupName": "OpCon", "Name": "Schedule", "Value": "PAYROLL"}])

    [ticket, _] = listed(summit)["OutputObject"]["MyTickets"]

    attributes = ticket["CustomAttribute"]
    assert [shape_errors(item, CUSTOM_ATTRIBUTE) for item in attributes] == [[], []]
    assert [(a["Group_Name"], a["SR_CtAttribute_Name"], a["AttributeText"]) for a in attributes] == [
        ("OpCon", "Event ID", "e-1"), ("OpCon", "Schedule", "PAYROLL")]


def test_a_row_shows_the_creates_number_symptom_caller_and_status(summit):
    """The number a create answered (`TicketNo`) is the row's `Incident_ID`; the row has no `Ticket_No`."""
    created = create(summit, description="JOB001 failed on UNIXAGENT01 (PAYROLL, 2024-09-21)",
                     caller="batch@example.com")

    row = listed(summit)["OutputObject"]["MyTickets"][0]["IncidentDetail"][0]

    assert (row["Incident_ID"], row["Symptom"], row["Caller_EmailId"], row["Status"]) == (
        created, "JOB001 failed on UNIXAGENT01 (PAYROLL, 2024-09-21)", "batch@example.com", "New")
    assert "Ticket_No" not in row
    assert row["Ticket_ID"] != str(created)


def test_logged_time_is_the_emulators_clock_as_month_day_year_and_24_hour_time(summit, clock):
    clock.now = datetime(2024, 9, 21, 14, 5, 9)
    create(summit)

    row = listed(summit)["OutputObject"]["MyTickets"][0]["IncidentDetail"][0]

    assert (row["Logged_Time"], row["Updated_Time"]) == ("09/21/2024 14:05:09", "09/21/2024 14:05:09")


@pytest.mark.parametrize("status", ["Resolved,Closed", "resolved, CLOSED", ["Resolved", "Closed"]],
                         ids=["comma-list", "any-case-and-spaces", "json-array"])
def test_status_filters_by_each_status_named(summit, status):
    assert numbers(listed(summit, Status=status)) == [9003, 9002]


def test_no_status_lists_every_status(summit):
    assert numbers(listed(summit, Status="")) == [9003, 9002, 9001]


@pytest.mark.parametrize("day", ["2024-09-21", "09/21/2024", "2024-09-21 00:00:00", "09/21/2024 00:00:00"])
def test_updated_from_date_keeps_incidents_updated_on_or_after_that_day(summit, emulator, clock, day):
    clock.now = datetime(2024, 9, 21, 8, 0, 0)
    emulator.set_incident_status("9002", "In-Progress")
    created = create(summit)

    assert numbers(listed(summit, Status=ALL_STATUSES, strUpdatedFromDate=day)) == [created, 9002]


def test_updated_from_date_with_a_time_starts_at_that_moment(summit, clock):
    clock.now = datetime(2024, 9, 21, 8, 0, 0)
    created = create(summit)

    assert numbers(listed(summit, strUpdatedFromDate="2024-09-21 08:00:00")) == [created]
    assert numbers(listed(summit, strUpdatedFromDate="2024-09-21 08:00:01")) == []


def test_updated_to_date_ends_with_that_day(summit, clock):
    clock.now = datetime(2024, 9, 21, 8, 0, 0)
    create(summit)

    assert numbers(listed(summit, strUpdatedToDate="2024-09-20")) == [9001]


def test_an_unreadable_date_is_an_error_with_no_tickets(summit):
    reply = listed(summit, strUpdatedFromDate="21.09.2024")

    assert reply["Errors"] == "Invalid strUpdatedFromDate '21.09.2024'."
    assert reply["OutputObject"]["MyTickets"] == []


def test_pages_count_from_zero_and_an_index_past_the_end_is_an_empty_page(summit):
    """IncidentTests.cs: `CurrentPageIndex = pageIndex` from 0, `while (MyTickets.Count > 0)`."""
    created = [create(summit, description=f"JOB00{n} failed") for n in range(5)]

    pages = [listed(summit, Status="", PageSize=3, CurrentPageIndex=index)["OutputObject"]["MyTickets"]
             for index in range(4)]

    rows = [[ticket["IncidentDetail"][0] for ticket in page] for page in pages]
    assert [[row["Incident_ID"] for row in page] for page in rows] == [
        created[:1:-1], [created[1], created[0], 9003], [9002, 9001], []]
    assert [row["ROWNUM"] for page in rows for row in page] == list(range(1, 9))
    assert {row["TotalRows"] for page in rows for row in page} == {8}


def test_page_size_and_index_may_come_as_text_and_default_to_100_and_0(summit):
    created = create(summit)

    with_text = listed(summit, PageSize="1", CurrentPageIndex="1")
    defaults = summit.post(JSON_CALL, json={
        "ServiceName": "IM_GetIncidentListwithDetails",
        "objCommonParameters": {"_ProxyDetails": PROXY, "objIncidentCommonFilter": {"Status": "New,In-Progress"}}})

    assert numbers(with_text) == [9001]
    assert numbers(defaults.json()) == [created, 9001]


@pytest.mark.parametrize("keys", [{"PageSize": 0}, {"PageSize": "ten"}, {"CurrentPageIndex": -1}])
def test_a_page_that_cannot_be_read_is_an_error(summit, keys):
    reply = listed(summit, **keys)

    assert reply["Errors"].startswith("Invalid ")
    assert reply["OutputObject"]["MyTickets"] == []


def test_a_request_without_the_filter_is_an_error(summit):
    reply = summit.post(JSON_CALL, json={"ServiceName": "IM_GetIncidentListwithDetails",
                                         "objCommonParameters": {"_ProxyDetails": PROXY}}).json()

    assert reply["Errors"] == "objIncidentCommonFilter is missing."


def test_a_bad_key_is_refused_like_every_service(summit):
    request = list_request()
    request["objCommonParameters"]["_ProxyDetails"]["APIKey"] = "wrong"

    reply = summit.post(JSON_CALL, json=request).json()

    assert reply["Errors"].startswith("Authentication failed")


def test_a_reopened_incident_is_flagged_in_its_row(summit, emulator):
    body = {"ServiceName": "IM_LogOrUpdateIncident", "objCommonParameters": {
        "_ProxyDetails": PROXY, "RequestType": "RemoteCall", "incidentParamsJSON": {"IncidentContainerJsonObj": {
            "Updater": "Executive", "Ticket": {"Ticket_No": "9002", "Status": "In-Progress"},
            "TicketInformation": {"Information": "failed again"}}}}}
    summit.post(JSON_CALL, json=body)

    row = listed(summit)["OutputObject"]["MyTickets"][0]["IncidentDetail"][0]

    assert (row["Incident_ID"], row["Reopened"]) == (9002, True)
