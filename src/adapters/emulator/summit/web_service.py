"""The emulated Summit web service: `/<prefix>/REST/Summit_RESTWCF.svc/RESTService/<operation>` (summit-api.md §11).

Every operation is a POST. `CommonWS_JsonObjCall` (and its `_JSON`/`_json` twin) dispatch on `ServiceName`
(case-insensitively): IM_LogOrUpdateIncident, IM_GetIncidentDetailsAndChangeHistory, IM_GetIncidentListwithDetails.
Business and auth errors are HTTP 200 with `Errors` set, and so is an unknown ServiceName: `Errors` names it
(`ServiceName 'IM_Nope' is not a known service.`), whatever the key. One adapter reports a bare HTTP 200 with an
empty body for that (summit-api.md §8); the emulator answers with the envelope every other business error uses, so a
client calling the wrong service is told so. The bare `.svc` URL answers 415 (it is the SOAP endpoint); a GET on an
operation 405.
"""

import json
from typing import Any

from summit_connector.adapters.emulator.context import Context
from summit_connector.adapters.emulator.exchange import Request, Response, text_response
from summit_connector.adapters.emulator.summit.api_key import auth_error
from summit_connector.adapters.emulator.summit.attachment_upload import upload
from summit_connector.adapters.emulator.summit.incident_details import details
from summit_connector.adapters.emulator.summit.incident_list import incident_list
from summit_connector.adapters.emulator.summit.log_or_update import log_or_update
from summit_connector.adapters.emulator.summit.reply_envelope import envelope
from summit_connector.adapters.emulator.summit.ticket_page import ticket_page

SERVICES = {
    "IM_LogOrUpdateIncident": log_or_update,
    "IM_GetIncidentDetailsAndChangeHistory": details,
    "IM_GetIncidentListwithDetails": incident_list,
}
BY_NAME = {name.lower(): service for name, service in SERVICES.items()}
COMMON = ("commonws_jsonobjcall", "commonws_jsonobjcall_json")
UPLOAD_OPERATION = "Summit_UploadAttachmentBase64Encoded"
UPLOAD = UPLOAD_OPERATION.lower()
VIEW = ("mdlincidentmgmt", "im_ticketdetail.aspx")


def summit_app(ctx: Context, request: Request) -> Response:
    segments = tuple(segment.lower() for segment in request.segments)
    service_root = (*_prefix(ctx), "rest", "summit_restwcf.svc")
    if segments == VIEW and request.method == "GET":
        return ticket_page(ctx, request)
    if segments == service_root:
        return text_response(415, "Cannot process the message because the content type was not expected.")
    if segments[:-1] != (*service_root, "restservice") or segments[-1] not in (*COMMON, UPLOAD):
        return text_response(404, "Endpoint not found.")
    if request.method != "POST":
        return text_response(405, "Method not allowed.")
    return _operation(ctx, request, segments[-1])


def service_name(request: Request) -> str:
    """The service a request calls (for fault matching and counters): the body's ServiceName, or the upload
    operation; empty when there is neither."""
    if request.segments and request.segments[-1].lower() == UPLOAD:
        return UPLOAD_OPERATION
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
    if operation == UPLOAD:
        ctx.state.count("summit:Summit_UploadAttachmentBase64Encoded")
        return _reply(upload(ctx, body), double)
    return _common(ctx, body, double)


def _common(ctx: Context, body: dict[str, Any], double: bool) -> Response:
    name = str(body.get("ServiceName") or "")
    ctx.state.count(f"summit:{name}")
    service = BY_NAME.get(name.lower())
    if service is None:
        return _reply(envelope(f"ServiceName '{name}' is not a known service."), double)
    params = body.get("objCommonParameters")
    params = params if isinstance(params, dict) else {}
    error = auth_error(ctx, params)
    return _reply(envelope(error) if error else service(ctx, body, params), double)


def _reply(reply: dict[str, Any], double: bool) -> Response:
    text = json.dumps(reply)
    return Response(200, (json.dumps(text) if double else text).encode("utf-8"))
