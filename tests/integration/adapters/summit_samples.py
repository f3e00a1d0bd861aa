"""Factories and canned Summit replies for the Summit adapter tests (reference §4, §5)."""

import json
from dataclasses import replace
from datetime import date
from typing import Any

import respx

from summit_connector.adapters.summit.http import SummitConnection
from summit_connector.adapters.summit import SummitIncidents, make_summit_client
from summit_connector.domain.incident import NewIncident
from summit_connector.domain.template import SummitOptions

BASE_URL = "https://summit.example.com"
API_KEY = "K3Y-s3cr3t-5f1e2d"
INCIDENT_PATH = "api_integration/REST/Summit_RESTWCF.svc/RESTService/CommonWS_JsonObjCall_JSON"
ATTACHMENT_PATH = "api_integration/REST/Summit_RESTWCF.svc/RESTService/Summit_UploadAttachmentBase64Encoded"
INCIDENT_URL = f"{BASE_URL}/{INCIDENT_PATH}"
ATTACHMENT_URL = f"{BASE_URL}/{ATTACHMENT_PATH}"
PROXY_DETAILS = {"AuthType": "APIKEY", "APIKey": API_KEY, "ProxyID": 0, "ReturnType": "JSON", "OrgID": 1}
TODAY = date(2024, 9, 21)


def summit_mock() -> respx.MockRouter:
    return respx.mock(assert_all_called=True, assert_all_mocked=True)


def make_connection(**overrides: Any) -> SummitConnection:
    return replace(SummitConnection(base_url=BASE_URL, api_key=API_KEY, timeout_seconds=5.0), **overrides)


def make_incidents(connection: SummitConnection | None = None, options: SummitOptions | None = None) -> SummitIncidents:
    connection = connection or make_connection()
    return SummitIncidents(make_summit_client(connection), connection, options or SummitOptions())


def make_incident(**overrides: Any) -> NewIncident:
    defaults: dict[str, Any] = {
        "description": "OpCon job JOB001 failed",
        "information": "Schedule PAYROLL (2024-09-21), agent AGENT1, termination 0001",
        "status": "New",
        "attributes": (),
    }
    return NewIncident(**(defaults | overrides))


def sent_json(route: respx.Route) -> dict[str, Any]:
    return json.loads(route.calls.last.request.content)


def common_reply(**overrides: Any) -> dict[str, Any]:
    reply = {"Errors": "", "Input": None, "Message": "", "OrgID": 0, "Output": None, "OutputID": 0,
             "OutputObject": None, "TokenID": None}
    return reply | overrides


def logged_reply(ticket_no: Any = 318417, **overrides: Any) -> dict[str, Any]:
    """The §4.2 `IM_LogOrUpdateIncident` reply shape."""
    reply = common_reply(Priority=None, ResolutionDeadLine=None, Resolution_DeadLine="2024-09-22 10:00",
                         SLA=None, TicketID_Encrypted="a1b2c3", TicketID_Internal=9876, TicketNo=ticket_no)
    return reply | overrides


def details_reply(*ticket_details: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    """The §5 `IM_GetIncidentDetailsAndChangeHistory` reply shape."""
    details = {"TicketDetails": list(ticket_details), "ChangeHistory": [], "CustomAttributes": []}
    return common_reply(OutputObject={"IncidentDetails": details}) | overrides


def ticket_detail(status: str, ticket_no: str = "4507") -> dict[str, Any]:
    return {"Ticket_ID": 77, "Ticket_No": ticket_no, "Status": status, "Subject": "JOB001 failed",
            "Reopen_Ticket": False, "Ticket_ID_Encrypted": "x9"}


def list_reply(*tickets: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    """The `IM_GetIncidentListwithDetails` reply shape (the public client's `Models/IncidentListOutputObject.cs`)."""
    return common_reply(OutputObject={"MyTickets": list(tickets), "GridViewDisplayColumns": []}) | overrides


def listed_ticket(incident_id: int = 318417, logged_time: str = "09/21/2024 03:15:00",
                  custom: tuple[tuple[str, str, str], ...] = (), **row: Any) -> dict[str, Any]:
    """One `Models/Ticket.cs`: a row as `Models/IncidentDetail.cs` keys it (Ticket_ID is text, not the number),
    and its `Models/CustomAttribute.cs` entries."""
    detail = {"ROWNUM": 1, "Ticket_ID": "eNc0dEd", "TotalRows": 1, "Incident_ID": incident_id,
              "Logged_Time": logged_time, "Status": "New", "Symptom": "OpCon job JOB001 failed",
              "Workgroup_Name": "DevOps", "Caller_EmailId": "opcon@example.com", "Updated_Time": logged_time,
              "Description": "OpCon job JOB001 failed", "Assigned_Engineer": None} | row
    attributes = [{"ID": n, "Incident_ID": 77, "Group_Name": group, "IM_CtAttribute_ID": n,
                   "SR_CtAttribute_Name": name, "AttributeText": value}
                  for n, (group, name, value) in enumerate(custom, 1)]
    return {"IncidentDetail": [detail], "CustomAttribute": attributes}


def list_filter(route: respx.Route, call: int = -1) -> dict[str, Any]:
    body = json.loads(route.calls[call].request.content)
    return body["objCommonParameters"]["objIncidentCommonFilter"]
