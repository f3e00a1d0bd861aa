"""The JSON bodies Summit's web services take, built as plain data (B-4.9, B-4.11, reference §3, §5, §7).

Serialise a body once with `serialise`; never paste values into JSON text.
"""

import base64
import json
from typing import Any

from summit_connector.domain.incident import IncidentUpdate, NewIncident
from summit_connector.domain.model import JobLog
from summit_connector.domain.template import SummitOptions

LOG_OR_UPDATE_INCIDENT = "IM_LogOrUpdateIncident"
GET_INCIDENT_DETAILS = "IM_GetIncidentDetailsAndChangeHistory"
UPLOAD_ATTACHMENT_BASE64 = "Summit_UploadAttachmentBase64Encoded"
_PAGE_NAME = "TicketDetail"


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
    return _log_or_update(ticket, incident.information, custom_fields, api_key, options)


def update_envelope(update: IncidentUpdate, api_key: str, options: SummitOptions) -> dict[str, Any]:
    """The `IM_LogOrUpdateIncident` body that adds `update.information` to a ticket and sets its status (none sent
    when it is empty: the ticket keeps its own), with the update's attributes as Ticket keys and its Solution
    (reference §3.3). Attributes cannot override IsFromWebService, Ticket_No, Status or PageName."""
    fixed = {"IsFromWebService": True, "Ticket_No": update.ticket_number, "Status": update.status,
             "PageName": _PAGE_NAME}
    if not update.status:
        del fixed["Status"]
    ticket = fixed | {name: value for name, value in update.attributes if name not in (*fixed, "Status")}
    return _log_or_update(ticket, update.information, [], api_key, options, update.solution)


def _log_or_update(
    ticket: dict[str, Any], information: str, custom_fields: list[dict[str, str]], api_key: str, options: SummitOptions,
    solution: str = "",
) -> dict[str, Any]:
    texts = {"Information": information, "InternalLog": "", "UserLog": ""} | ({"Solution": solution} if solution else {})
    container = {
        "Updater": "Executive",
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


def attachment_envelope(ticket_number: int, log: JobLog, api_key: str, options: SummitOptions) -> dict[str, Any]:
    """The upload body; the base64 field's name is `options.attachment_file_field` because Summit's is unknown."""
    return {
        "ServiceName": UPLOAD_ATTACHMENT_BASE64,
        "objCommonParameters": {
            "_ProxyDetails": proxy_details(api_key, options),
            "eModule": "IM",
            "TicketID": ticket_number,
            "AttachmentFileName": log.name,
            options.attachment_file_field: base64.b64encode(log.content).decode("ascii"),
        },
    }


def serialise(envelope: dict[str, Any]) -> bytes:
    return json.dumps(envelope, ensure_ascii=True).encode("ascii")
