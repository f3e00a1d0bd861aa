"""One `TicketDetails` row of IM_GetIncidentDetailsAndChangeHistory: the key set and JSON types of the public C#
client's model (panoramicdata/SymphonyAi.Summit.Api `SymphonyAi.Summit.Api/Models/IncidentDetail2.cs`).

That client reads the reply with System.Text.Json: every `required` key must be there, an `int` must be a number
and a `bool` a boolean (null fails both), and a `string` must not be a number. Keys it types `object` are null
unless the emulated tenant knows a value.
"""

from datetime import datetime
from typing import Any

from summit_connector.adapters.emulator.records import Incident
from summit_connector.adapters.emulator.summit.date_times import summit_time

NUMBERS = ("Org_Id", "Ticket_ID", "LoggedBy", "Severity", "Criticality", "Impact", "SLA", "Assigned_Workgroup",
           "Caller", "Resolution_SLAOfSeverity", "UserID", "FirstWorkgroup", "ElapsedTime")
FLAGS = ("Repeat_Ticket", "Reopen_Ticket", "attachments", "KB", "DoNotUpdateChildPriority", "IsSupressNotification")
TEXTS = ("Ticket_No", "Reg_Time", "Status", "Medium", "LoggedBy_EmailID", "LoggedByName", "Subject", "Severity_Name",
         "PriorityName", "Severity_Display", "Criticality_Name", "SLA_Name", "WG_Name", "Response_Deadline",
         "Resolution_Deadline", "Information", "Caller_Name", "Caller_EmailID", "Sup_Function", "Sup_Function_Name",
         "Updated_Time1", "Updated_Time", "Impact_Name", "TicketClosingMode", "Source", "Ticket_ID_Encrypted")
OBJECTS = ("Costper_Hour", "OpenCategory", "OpenCategoryID", "Category", "Classification", "ClassificationID",
           "CategoryID", "Pending_Code", "PendingReason", "Assigned_Engineer", "Assigned_Engineer_Name",
           "Assigned_Engineer_Email", "Assigned_Engineer_EmpID", "Response_Time", "Response_SLA_Met",
           "Response_SLA_Reason", "Resolution_Time", "Resolution_SLA_Met", "Resolution_SLA_Reason", "Closure_Code",
           "ClCode_Name", "Solution", "Userlog", "Internallog", "ParentTicketID", "Schedule_Date",
           "Target_Completion_Date", "ManualEscalationDate", "ManualEscalationLevelID", "ManualEscalationRemarks",
           "NotificationMethod", "Configuration_Item_ID", "Device_Host_Name", "WOConfigurationID",
           "CustomerPriorityDetailID", "CC_Email", "CC_UserID", "CustomerName", "ParentCustomerName",
           "CallerLocationName", "ContactNo", "MobileNo", "FCRTicket", "FCRComments", "FCRConfigured",
           "Response_PriorityName", "Response_DeadlineMinutes", "OpenCategoryID1", "OpenCategory1",
           "EnableMajorIncident", "EnableClosureCategory", "MajorIncident", "ResolutionCode", "ResolutionCodeName",
           "ClosureRemarks", "SubWorkgroupName", "Linked_CI_IDs")

_FROM_TICKET = {
    "Medium": "Medium", "OpenCategory": "OpenCategory_Name", "Category": "Category_Name",
    "Classification": "Classification_Name", "PendingReason": "PendingReason", "Severity_Name": "Urgency_Name",
    "Severity_Display": "Urgency_Name", "PriorityName": "Priority_Name", "Impact_Name": "Impact_Name",
    "SLA_Name": "SLA_Name", "WG_Name": "Assigned_WorkGroup_Name", "Assigned_Engineer_Email": "Assigned_Engineer_Email",
    "Response_SLA_Reason": "Response_SLA_Reason", "Resolution_SLA_Reason": "Resolution_SLA_Reason",
    "ClCode_Name": "Closure_Code_Name", "ResolutionCodeName": "ResolutionCodeName", "Caller_EmailID": "Caller_EmailID",
    "Sup_Function": "Sup_Function", "Sup_Function_Name": "Sup_Function", "Source": "Source",
    "CC_Email": "Mail_CC_EmailID",
}
"""Details key ← the Ticket field last sent for it (IM_LogOrUpdateIncident, summit-api.md §3.5)."""


def ticket_details(incident: Incident) -> dict[str, Any]:
    row = {**dict.fromkeys(NUMBERS, 0), **dict.fromkeys(FLAGS, False), **dict.fromkeys(TEXTS, ""),
           **dict.fromkeys(OBJECTS)}
    row.update({name: incident.fields.get(field) for name, field in _FROM_TICKET.items()})
    row.update(_own(incident))
    return {name: _typed(name, value) for name, value in row.items()}


def _own(incident: Incident) -> dict[str, Any]:
    return {"Org_Id": 1, "Ticket_ID": incident.ticket_id, "Ticket_No": incident.ticket_no, "Status": incident.status,
            "Subject": _subject(incident.fields), "Information": "\n".join(incident.information),
            "Solution": incident.solution or None, "Reopen_Ticket": incident.reopened,
            "attachments": bool(incident.attachments), "Ticket_ID_Encrypted": incident.encrypted_id,
            "Reg_Time": _when(incident.logged_at), "Updated_Time": _when(incident.updated_at)}


def _when(moment: datetime | None) -> str:
    return summit_time(moment) if moment is not None else ""


def _subject(fields: dict[str, Any]) -> str:
    description = str(fields.get("Description") or "")
    return str(fields.get("Symptom") or "") or (description.splitlines() or [""])[0]


def _typed(name: str, value: Any) -> Any:
    if name in TEXTS:
        return "" if value is None else str(value)
    return value
