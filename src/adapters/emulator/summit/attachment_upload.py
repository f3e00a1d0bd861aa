"""Summit_UploadAttachmentBase64Encoded: a job log attached to an incident (summit-api.md §7.1, §7.2)."""

import base64
import binascii
from typing import Any

from summit_connector.adapters.emulator.context import Context
from summit_connector.adapters.emulator.records import Incident
from summit_connector.adapters.emulator.summit.api_key import auth_error
from summit_connector.adapters.emulator.summit.reply_envelope import envelope
from summit_connector.adapters.emulator.summit.ticket_numbers import ticket_number


def upload(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
    params = body.get("objCommonParameters")
    params = params if isinstance(params, dict) else body
    error = auth_error(ctx, params) or _upload_error(ctx, params)
    if error:
        return envelope(error)
    incident = _incident_for_attachment(ctx, params.get("TicketID"))
    incident.attachments.append((str(params["AttachmentFileName"]), _content(ctx, params)))
    return envelope(message=f"Attachment {params['AttachmentFileName']} uploaded successfully")


def _upload_error(ctx: Context, params: dict[str, Any]) -> str:
    if str(params.get("eModule") or "").upper() != "IM":
        return f"Invalid eModule '{params.get('eModule')}'."
    if _incident_for_attachment(ctx, params.get("TicketID")) is None:
        return f"Ticket '{params.get('TicketID')}' does not exist."
    if not str(params.get("AttachmentFileName") or "").strip():
        return "AttachmentFileName is mandatory."
    try:
        _content(ctx, params)
    except (binascii.Error, TypeError, ValueError):
        return f"{ctx.settings.attachment_field} is not valid base64 content."
    return ""


def _incident_for_attachment(ctx: Context, ticket: Any) -> Incident | None:
    """TicketID may be the ticket number or the internal id: the public material is ambiguous, so both work."""
    number = ticket_number(ticket)
    by_internal = {str(incident.ticket_id): incident for incident in ctx.state.incidents.values()}
    return ctx.state.incidents.get(number) or by_internal.get(number)


def _content(ctx: Context, params: dict[str, Any]) -> bytes:
    encoded = params.get(ctx.settings.attachment_field)
    if encoded is None and isinstance(params.get("FileByte"), list):
        return bytes(params["FileByte"])
    if not isinstance(encoded, str):
        raise TypeError("no content")
    return base64.b64decode(encoded, validate=True)
