"""One `IncidentDetail` row of IM_GetIncidentListwithDetails: the key set and JSON types of the public C# client's
model (panoramicdata/SymphonyAi.Summit.Api `SymphonyAi.Summit.Api/Models/IncidentDetail.cs`).

As for `ticket_details`: every key there, `int` keys numbers, `bool` keys booleans, `string` keys text, `object`
keys null unless the emulated tenant knows a value. The row has no `Ticket_No`: the model has none. The number a
create answered (`TicketNo`) is `Incident_ID`, an int; `Ticket_ID` is text (the client's commit 10a27ef,
"Bugfixes on retrieval of incidents", made it a string after a live tenant sent one): the emulator sends the
encrypted id there, so a client that reads it as the number is caught.
"""

from datetime import datetime
from typing import Any

from summit_connector.adapters.emulator.records import Incident
from summit_connector.adapters.emulator.summit.date_times import summit_time, wall_time

NUMBERS = ("ROWNUM", "TotalRows", "Incident_ID", "Resolution_SLA", "Age", "Response_ElapseTime",
           "Resolution_ElapseTime", "SLAProgress", "IsParentRecord", "IsChild", "IsParent", "AssignedToMe",
           "SLARemainingTime", "IsAttExists", "IsAutoResolve")
FLAGS = ("Reopened",)
TEXTS = ("Ticket_ID", "Logged_Time", "Status", "Symptom", "Workgroup_Name", "Executive_Name", "Priority",
         "PriorityColorCode", "SLAName", "CallerName", "Caller_EmailId", "Response_SLA_Reason", "Resolution_SLA_Reason",
         "UserProfileImageName", "Sup_Function", "Updated_Time", "Urgency", "Impact", "Service_Window",
         "Vendor_Incident_ID", "Vendor_Name", "Vendor_status", "Assigned_Engineer_Name_Secondary", "Response_Deadline",
         "Resolution_Deadline", "IsMajorIncident", "AgeClass", "AgingInfo", "SLAPercent", "Remaining_SLA_Time",
         "Description")
OBJECTS = ("Assigned_Engineer", "UserTypeColor", "UserTypeName", "Resolution_Time", "CallerUpdate", "Customer",
           "Location", "Classification", "FullClassification", "Category", "FullCategory", "OpenCategory",
           "FullOpenCategory", "Pending_Reason", "Schedule_Date", "VendorIncidentStartDate", "VendorIncidentEndDate",
           "Response_voilation", "Resolution_voilation", "Reslution_Code_Name", "Closure_Code_Name", "SLAProgressClass",
           "SubWorkgroup_Name", "Solution", "User_Log", "Private_Log", "AttachmentNames")

_FROM_TICKET = {
    "Workgroup_Name": "Assigned_WorkGroup_Name", "Assigned_Engineer": "Assigned_Engineer_Email",
    "Priority": "Priority_Name", "SLAName": "SLA_Name", "Caller_EmailId": "Caller_EmailID",
    "Sup_Function": "Sup_Function", "Urgency": "Urgency_Name", "Impact": "Impact_Name",
    "Classification": "Classification_Name", "FullClassification": "Classification_Name", "Category": "Category_Name",
    "FullCategory": "Category_Name", "OpenCategory": "OpenCategory_Name", "FullOpenCategory": "OpenCategory_Name",
    "Pending_Reason": "PendingReason", "Response_SLA_Reason": "Response_SLA_Reason",
    "Resolution_SLA_Reason": "Resolution_SLA_Reason", "Reslution_Code_Name": "ResolutionCodeName",
    "Closure_Code_Name": "Closure_Code_Name", "Description": "Description",
}
"""Row key ← the Ticket field last sent for it (IM_LogOrUpdateIncident, summit-api.md §3.5)."""


def list_row(incident: Incident, row_number: int, total: int, now: datetime) -> dict[str, Any]:
    """`row_number` counts from 1 over the whole filtered list; `total` is its length."""
    row = {**dict.fromkeys(NUMBERS, 0), **dict.fromkeys(FLAGS, False), **dict.fromkeys(TEXTS, ""),
           **dict.fromkeys(OBJECTS)}
    row.update({name: incident.fields.get(field) for name, field in _FROM_TICKET.items()})
    row.update(_own(incident, now), ROWNUM=row_number, TotalRows=total)
    return {name: "" if name in TEXTS and value is None else value for name, value in row.items()}


def symptom(incident: Incident) -> str:
    """The `Symptom` a create sent, else its whole `Description` (what the connector sends as the title)."""
    return str(incident.fields.get("Symptom") or incident.fields.get("Description") or "")


def _own(incident: Incident, now: datetime) -> dict[str, Any]:
    logged = incident.logged_at or now
    return {"Incident_ID": int(incident.ticket_no), "Ticket_ID": incident.encrypted_id,
            "Logged_Time": summit_time(logged), "Updated_Time": summit_time(incident.updated_at or logged),
            "Status": incident.status, "Symptom": symptom(incident), "Reopened": incident.reopened,
            "IsAttExists": int(bool(incident.attachments)), "Solution": incident.solution or None,
            "Age": max((wall_time(now) - wall_time(logged)).days, 0)}
