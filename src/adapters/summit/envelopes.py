"""The JSON bodies Summit's web services take, built as plain data (B-4.9, B-4.11, reference §3, §5, §7).

Serialise a body once with `serialise`; never paste values into JSON text. The one exception is the job log's
base64 text (`Upload`): it is made while the body is sent, between the serialised text around it.
"""

import binascii
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from summit_connector.domain.incident import IncidentUpdate, NewIncident
from summit_connector.domain.model import JobLog
from summit_connector.domain.template import SummitOptions

LOG_OR_UPDATE_INCIDENT = "IM_LogOrUpdateIncident"
GET_INCIDENT_DETAILS = "IM_GetIncidentDetailsAndChangeHistory"
GET_INCIDENT_LIST = "IM_GetIncidentListwithDetails"
LIST_PAGE_SIZE = 100
UPLOAD_ATTACHMENT_BASE64 = "Summit_UploadAttachmentBase64Encoded"
_PAGE_NAME = "TicketDetail"
_BASE64_STAND_IN = "\x00base64\x00"
_BASE64_PIECE = 3 * 64 * 1024


def proxy_details(api_key: str, options: SummitOptions) -> dict[str, Any]:
    return {"AuthType": "APIKEY", "APIKey": api_key, "ProxyID": 0, "ReturnType": "JSON", "OrgID": options.org_id}


def create_envelope(incident: NewIncident, api_key: str, options: SummitOptions) -> dict[str, Any]:
    """The `IM_LogOrUpdateIncident` body that logs `incident`.

    Attributes become Ticket keys; they cannot override IsFromWebService, Ticket_No, Status, Description or PageName.
    """
    fixed = {
        "IsFromWebService": True,
        "Ticket_No": "",
        "Status": incident.status,
        "Description": incident.description,
        "PageName": _PAGE_NAME,
    }
    ticket = fixed | {name: value for name, value in incident.attributes if name not in fixed}
    custom_fields = [{"GroupName": f.group_name, "Name": f.name, "Value": f.value} for f in incident.custom_fields]
    ci = {"CI_Key": incident.ci[0], "CI_Value": incident.ci[1]} if incident.ci else {}
    return _log_or_update(ticket, incident.information, custom_fields, api_key, options, ci=ci)


def update_envelope(update: IncidentUpdate, api_key: str, options: SummitOptions) -> dict[str, Any]:
    """The `IM_LogOrUpdateIncident` body that adds `update.information` to a ticket and sets its status (none sent
    when it is empty: the ticket keeps its own), with the update's attributes as Ticket keys and its Solution
    (reference §3.3). Attributes cannot override IsFromWebService, Ticket_No, Status or PageName.

    The ticket's held fields (Sup_Function, Medium, Source, Caller_EmailID) are Ticket keys too, where the create
    and the public update samples place them; an empty one is not sent, and an attribute of the same name wins
    (B-4.5). None are there when the status could not be read: the update is sent without them."""
    fixed = {"IsFromWebService": True, "Ticket_No": update.ticket_number, "Status": update.status,
             "PageName": _PAGE_NAME}
    if not update.status:
        del fixed["Status"]
    held = {name: value for name, value in update.held if value.strip() and name not in (*fixed, "Status")}
    ticket = fixed | held | {name: value for name, value in update.attributes if name not in (*fixed, "Status")}
    return _log_or_update(ticket, update.information, [], api_key, options, update.solution)


def _log_or_update(
    ticket: dict[str, Any], information: str, custom_fields: list[dict[str, str]], api_key: str, options: SummitOptions,
    solution: str = "", ci: dict[str, str] | None = None,
) -> dict[str, Any]:
    """`ci`: `CI_Key` and `CI_Value` beside `Ticket` (B-16.3), as the public update sample and adapter place them."""
    texts = {"Information": information, "InternalLog": "", "UserLog": ""} | ({"Solution": solution} if solution else {})
    container = {
        "Updater": "Executive",
        **(ci or {}),
        "Ticket": ticket,
        "TicketInformation": texts,
        "CustomFields": custom_fields,
    }
    return {
        "ServiceName": LOG_OR_UPDATE_INCIDENT,
        "objCommonParameters": {
            "_ProxyDetails": proxy_details(api_key, options),
            "incidentParamsJSON": {"IncidentContainerJsonObj": container},
            "RequestType": "RemoteCall",
        },
    }


def details_envelope(ticket_number: int, api_key: str, options: SummitOptions) -> dict[str, Any]:
    return {
        "ServiceName": GET_INCIDENT_DETAILS,
        "objCommonParameters": {
            "_ProxyDetails": proxy_details(api_key, options),
            "TicketNo": ticket_number,
            "RequestType": "RemoteCall",
        },
    }


def list_envelope(statuses: Sequence[str], since: date, page: int, api_key: str, options: SummitOptions
                  ) -> dict[str, Any]:
    """One page of `IM_GetIncidentListwithDetails` (B-15.2), as the public C# client sends it
    (panoramicdata/SymphonyAi.Summit.Api `Models/GetIncidentListDetailedRequest.cs`, `IncidentCommonParameters.cs`,
    `IncidentCommonFilter.cs`): the filter's keys in its order with its defaults (OrgID as text, null `Executive`
    left out), `Status` comma-joined, `strUpdatedFromDate` as `yyyy-MM-dd` (its `IncidentTests.cs`), pages from 0.
    No `RequestType`: the client sends none with this service."""
    incident_filter = {
        "WorkgroupName": "",
        "CurrentPageIndex": page,
        "PageSize": LIST_PAGE_SIZE,
        "OrgID": str(options.org_id),
        "Instance": "",
        "Status": ",".join(status.strip() for status in statuses if status.strip()),
        "strUpdatedFromDate": since.isoformat(),
        "strUpdatedToDate": "",
        "IsWebServiceRequest": True,
        "CategoryName": "",
        "Categories": "",
    }
    return {
        "ServiceName": GET_INCIDENT_LIST,
        "objCommonParameters": {
            "_ProxyDetails": proxy_details(api_key, options),
            "objIncidentCommonFilter": incident_filter,
        },
    }


@dataclass(frozen=True)
class Upload:
    """A body of serialised JSON around one base64 value, encoded a piece at a time while it is sent: the log is
    held once, never as base64 text or as a whole body. `len()` is the body's exact size (its Content-Length).
    Its repr shows neither the API key (in `head`) nor the log."""

    service: str
    head: bytes = field(repr=False)
    data: bytes = field(repr=False)
    tail: bytes = field(repr=False)

    def __len__(self) -> int:
        return len(self.head) + (len(self.data) + 2) // 3 * 4 + len(self.tail)

    def __iter__(self) -> Iterator[bytes]:
        yield self.head
        data = memoryview(self.data)
        for start in range(0, len(data), _BASE64_PIECE):
            yield binascii.b2a_base64(data[start : start + _BASE64_PIECE], newline=False)
        yield self.tail


def attachment_upload(ticket_number: int, log: JobLog, api_key: str, options: SummitOptions) -> Upload:
    """The upload body (B-4.11); the base64 field's name is `options.attachment_file_field` because Summit's is
    unknown."""
    envelope = {
        "ServiceName": UPLOAD_ATTACHMENT_BASE64,
        "objCommonParameters": {
            "_ProxyDetails": proxy_details(api_key, options),
            "eModule": "IM",
            "TicketID": ticket_number,
            "AttachmentFileName": log.name,
            options.attachment_file_field: _BASE64_STAND_IN,
        },
    }
    head, _, tail = serialise(envelope).rpartition(serialise(_BASE64_STAND_IN))
    return Upload(UPLOAD_ATTACHMENT_BASE64, head + b'"', log.content, b'"' + tail)


def serialise(envelope: Any) -> bytes:
    return json.dumps(envelope, ensure_ascii=True).encode("ascii")
