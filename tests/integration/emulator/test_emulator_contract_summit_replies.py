"""Contract: the emulated Summit answers what the public C# client (panoramicdata/SymphonyAi.Summit.Api) reads.

That client posts to `CommonWS_JsonObjCall_json` and reads the reply with `ReadFromJsonAsync<TResponse>`
(`SymphonyAi.Summit.Api/Implementations/IncidentManager.cs`, `Implementations/Manager.cs`): a plain JSON object,
every `required` key present, `int` keys numbers and `bool` keys booleans (System.Text.Json).
"""

import httpx
import pytest

from summit_connector.adapters.config.connector_file import load_connector_config
from summit_connector.adapters.config.template_file import load_template
from summit_connector.adapters.emulator import sample_config_files
from summit_connector.adapters.summit import SummitIncidents, make_summit_client

from tests.integration.emulator.csharp_models import CUSTOM_ATTRIBUTE, shape_errors
from tests.integration.emulator.emulator_requests import PROXY, SUMMIT_SERVICES

OPERATIONS = ("CommonWS_JsonObjCall", "CommonWS_JsonObjCall_JSON", "CommonWS_JsonObjCall_json")

TICKET_DETAILS = {
    int: "Org_Id Ticket_ID LoggedBy Severity Criticality Impact SLA Assigned_Workgroup Caller "
         "Resolution_SLAOfSeverity UserID FirstWorkgroup ElapsedTime",
    bool: "Repeat_Ticket Reopen_Ticket attachments KB DoNotUpdateChildPriority IsSupressNotification",
    str: "Ticket_No Reg_Time Status Medium LoggedBy_EmailID LoggedByName Subject Severity_Name PriorityName "
         "Severity_Display Criticality_Name SLA_Name WG_Name Response_Deadline Resolution_Deadline Information "
         "Caller_Name Caller_EmailID Sup_Function Sup_Function_Name Updated_Time1 Updated_Time Impact_Name "
         "TicketClosingMode Source Ticket_ID_Encrypted",
    object: "Costper_Hour OpenCategory OpenCategoryID Category Classification ClassificationID CategoryID "
            "Pending_Code PendingReason Assigned_Engineer Assigned_Engineer_Name Assigned_Engineer_Email "
            "Assigned_Engineer_EmpID Response_Time Response_SLA_Met Response_SLA_Reason Resolution_Time "
            "Resolution_SLA_Met Resolution_SLA_Reason Closure_Code ClCode_Name Solution Userlog Internallog "
            "ParentTicketID Schedule_Date Target_Completion_Date ManualEscalationDate ManualEscalationLevelID "
            "ManualEscalationRemarks NotificationMethod Configuration_Item_ID Device_Host_Name WOConfigurationID "
            "CustomerPriorityDetailID CC_Email CC_UserID CustomerName ParentCustomerName CallerLocationName "
            "ContactNo MobileNo FCRTicket FCRComments FCRConfigured Response_PriorityName Response_DeadlineMinutes "
            "OpenCategoryID1 OpenCategory1 EnableMajorIncident EnableClosureCategory MajorIncident ResolutionCode "
            "ResolutionCodeName ClosureRemarks SubWorkgroupName Linked_CI_IDs",
}
"""`SymphonyAi.Summit.Api/Models/IncidentDetail2.cs`: JSON property name by the C# type it is read into."""
CHANGE_HISTORY = {int: "uid change_by", str: "column_name change_date change_byName new_Value AttributeType",
                  object: "OldValue"}
"""`SymphonyAi.Summit.Api/Models/ChangeHistoryItem.cs` (change_by is `int?`, OldValue `string?`)."""


@pytest.fixture(scope="module")
def summit(emulator):
    with httpx.Client(base_url=emulator.summit_url, timeout=5) as client:
        yield client


@pytest.fixture
def incidents(emulator, tmp_path):
    config = load_connector_config(sample_config_files(tmp_path, emulator)[0], {})
    loaded = load_template("sandbox", config, {})
    with make_summit_client(loaded.summit) as client:
        yield SummitIncidents(client, loaded.summit, loaded.template.summit)


def details(ticket_no: int) -> dict:
    return {"ServiceName": "IM_GetIncidentDetailsAndChangeHistory",
            "objCommonParameters": {"_ProxyDetails": PROXY, "TicketNo": ticket_no, "RequestType": "RemoteCall"}}


def reopen(ticket_no: str) -> dict:
    container = {"Updater": "Executive", "Ticket": {"Ticket_No": ticket_no, "Status": "In-Progress"},
                 "TicketInformation": {"Information": "Failed again"},
                 "CustomFields": [{"GroupName": "OpCon", "Name": "Schedule", "Value": "PAYROLL"}]}
    return {"ServiceName": "IM_LogOrUpdateIncident",
            "objCommonParameters": {"_ProxyDetails": PROXY, "RequestType": "RemoteCall",
                                    "incidentParamsJSON": {"IncidentContainerJsonObj": container}}}


@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_operation_answers_a_plain_json_object_by_default(summit, operation):
    """IncidentManager.cs: `ReadFromJsonAsync<GetIncidentDetailsAndChangeHistoryResponse>` on the reply body."""
    reply = summit.post(f"{SUMMIT_SERVICES}/{operation}", json=details(9001)).json()

    assert isinstance(reply, dict) and reply["Errors"] == ""


def test_double_encoding_is_a_fault_switched_on_over_the_control_api(emulator, summit):
    """summit-api.md §1: one adapter reports Summit "sometimes double-encodes"; only the knob makes it so."""
    with httpx.Client(base_url=emulator.opcon_url, timeout=5) as control:
        control.post("/_emulator/settings", json={"double_encode": True})

    reply = summit.post(f"{SUMMIT_SERVICES}/CommonWS_JsonObjCall_json", json=details(9001)).json()

    assert isinstance(reply, str)


@pytest.mark.parametrize("double_encode", [False, True])
def test_the_connectors_adapter_reads_either_encoding(emulator, incidents, double_encode):
    """panoramicdata/SymphonyAi.Summit.Api reads plain objects; our adapter (src/adapters/summit/http.py) must read
    those and, when the fault is on, a JSON string holding the object."""
    emulator.settings.double_encode = double_encode

    assert incidents.status_of("9001") == "In-Progress"


def test_the_reply_envelope_has_the_common_keys_and_types(summit):
    """`SymphonyAi.Summit.Api/Models/Response.cs`: Errors and Message strings, Input present, OrgID and OutputID
    ints; `Models/GetIncidentDetailsAndChangeHistoryResponse.cs`: OutputObject.IncidentDetails."""
    reply = summit.post(f"{SUMMIT_SERVICES}/CommonWS_JsonObjCall_json", json=details(9001)).json()

    assert {"Errors", "Message", "Input", "OrgID", "OutputID", "Output", "TokenID"} <= reply.keys()
    assert (type(reply["OrgID"]), type(reply["OutputID"])) == (int, int)
    assert {"TicketDetails", "ChangeHistory", "CustomAttributes"} == reply["OutputObject"]["IncidentDetails"].keys()


def test_a_ticket_details_row_has_exactly_the_keys_and_types_of_incident_detail2(summit):
    """`SymphonyAi.Summit.Api/Models/IncidentDetail2.cs`."""
    reply = summit.post(f"{SUMMIT_SERVICES}/CommonWS_JsonObjCall_json", json=details(9002)).json()

    row = reply["OutputObject"]["IncidentDetails"]["TicketDetails"][0]
    assert shape_errors(row, TICKET_DETAILS) == []
    assert (row["Ticket_No"], row["Status"]) == ("9002", "Resolved")
    assert row["Subject"] == "Earlier failure of TICKET_RESOLVED"


def test_change_history_and_custom_attributes_have_the_keys_and_types_of_their_models(summit):
    """`SymphonyAi.Summit.Api/Models/ChangeHistoryItem.cs` and `Models/CustomAttribute.cs`."""
    summit.post(f"{SUMMIT_SERVICES}/CommonWS_JsonObjCall_json", json=reopen("9002"))

    reply = summit.post(f"{SUMMIT_SERVICES}/CommonWS_JsonObjCall_json", json=details(9002)).json()

    found = reply["OutputObject"]["IncidentDetails"]
    assert [shape_errors(item, CHANGE_HISTORY) for item in found["ChangeHistory"]] == [[]]
    assert [shape_errors(item, CUSTOM_ATTRIBUTE) for item in found["CustomAttributes"]] == [[]]
    assert found["TicketDetails"][0]["Reopen_Ticket"] is True
