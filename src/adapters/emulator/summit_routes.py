"""The emulated Summit web service: `/<prefix>/REST/Summit_RESTWCF.svc/RESTService/<operation>` (summit-api.md §11).

Every operation is a POST. `CommonWS_JsonObjCall` (and its `_JSON`/`_json` twin) dispatch on `ServiceName`; an
unknown ServiceName gets HTTP 200 with an empty body, as observed. Business and auth errors are HTTP 200 with
`Errors` set. The bare `.svc` URL answers 415 (it is the SOAP endpoint); a GET on an operation 405.
"""

import base64
import binascii
import html
import json
from typing import Any

from summit_connector.adapters.emulator import summit_incidents
from summit_connector.adapters.emulator.context import Context
from summit_connector.adapters.emulator.records import Incident
from summit_connector.adapters.emulator.summit_envelope import auth_error, envelope, ticket_number
from summit_connector.adapters.emulator.wire import JSON, Request, Response, text_response

SERVICES = {
    "im_logorupdateincident": summit_incidents.log_or_update,
    "im_getincidentdetailsandchangehistory": summit_incidents.details,
}
COMMON = ("commonws_jsonobjcall", "commonws_jsonobjcall_json")
UPLOAD = "summit_uploadattachmentbase64encoded"
VIEW = ("mdlincidentmgmt", "im_ticketdetail.aspx")


def summit_app(ctx: Context, request: Request) -> Response:
    segments = tuple(segment.lower() for segment in request.segments)
    service_root = (*_prefix(ctx), "rest", "summit_restwcf.svc")
    if segments == VIEW and request.method == "GET":
        return _view_page(ctx, request)
    if segments == service_root:
        return text_response(415, "Cannot process the message because the content type was not expected.")
    if segments[:-1] != (*service_root, "restservice") or segments[-1] not in (*COMMON, UPLOAD):
        return text_response(404, "Endpoint not found.")
    if request.method != "POST":
        return text_response(405, "Method not allowed.")
    return _operation(ctx, request, segments[-1])


def service_name(request: Request) -> str:
    """The body's ServiceName (for fault matching and counters); empty when there is none."""
    try:
        body = request.json_body()
    except ValueError:
        return ""
    return str(body.get("ServiceName") or "") if isinstance(body, dict) else ""


def _prefix(ctx: Context) -> tuple[str, ...]:
    return tuple(part.lower() for part in ctx.summit_prefix.split("/") if part)


def _operation(ctx: Context, request: Request, operation: str) -> Response:
    try:
        body = request.json_body()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return text_response(400, "The server encountered an error processing the request.")
    double = ctx.settings.double_encode
    double = operation.endswith("_json") if double is None else double
    if operation == UPLOAD:
        ctx.state.count("summit:Summit_UploadAttachmentBase64Encoded")
        return _reply(_upload(ctx, body), double)
    return _common(ctx, body, double)


def _common(ctx: Context, body: dict[str, Any], double: bool) -> Response:
    name = str(body.get("ServiceName") or "")
    ctx.state.count(f"summit:{name}")
    service = SERVICES.get(name.lower())
    if service is None:
        return Response(200, b"", JSON)
    params = body.get("objCommonParameters")
    params = params if isinstance(params, dict) else {}
    error = auth_error(ctx, params)
    return _reply(envelope(error) if error else service(ctx, body, params), double)


def _upload(ctx: Context, body: dict[str, Any]) -> dict[str, Any]:
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


def _reply(reply: dict[str, Any], double: bool) -> Response:
    text = json.dumps(reply)
    return Response(200, (json.dumps(text) if double else text).encode("utf-8"))


def _view_page(ctx: Context, request: Request) -> Response:
    incident = ctx.state.incidents.get(ticket_number(request.param("ID")))
    if incident is None:
        return text_response(404, "<html><body>Ticket not found</body></html>")
    title = html.escape(f"Incident {incident.ticket_no}: {incident.status}")
    return text_response(200, f"<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>")
