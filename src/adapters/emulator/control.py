"""Drive an emulator in another process over HTTP, on the OpCon server (no token needed).

    GET  /_emulator/state            → urls, schedules, jobs, incidents, writes, requests, counters, faults
    POST /_emulator/faults           {"action": "fail", "api": "summit", "status": 503, "times": 2,
                                      "path_contains": "", "retry_after": 1, "after": false}
                                     {"action": "hang", "api": "opcon", "seconds": 5, "times": 1}
                                     {"action": "down", "api": "summit", "seconds": 2}  (opcon needs seconds)
                                     {"action": "up", "api": "summit"}   {"action": "clear"}
    POST /_emulator/reset            → faults cleared, state emptied, samples seeded again if they were
    POST /_emulator/settings         {"double_encode": true, "jors_pending_polls": 2, "known_values": {...}}
    POST /_emulator/incident-status  {"ticket": "9002", "status": "Resolved"}
"""

import base64
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from summit_connector.adapters.emulator.opcon_json import job_json, schedule_json
from summit_connector.adapters.emulator.records import Incident
from summit_connector.adapters.emulator.wire import (
    HttpError, Request, Response, bad_request, json_response, object_body, problem,
)

if TYPE_CHECKING:
    from summit_connector.adapters.emulator.emulator import Emulator

_FAULT_ARGS = {
    "fail": ("api", "status", "times", "path_contains", "retry_after", "after"),
    "hang": ("api", "seconds", "times", "path_contains"),
    "down": ("api", "seconds"),
    "up": ("api",),
    "clear": (),
}


def is_control(request: Request) -> bool:
    return bool(request.segments) and request.segments[0].lower() == "_emulator"


def handle(emulator: "Emulator", request: Request) -> Response:
    action = (request.method, "/".join(request.segments[1:]).lower())
    handlers = {("GET", "state"): _state, ("POST", "faults"): _faults, ("POST", "reset"): _reset,
                ("POST", "settings"): _settings, ("POST", "incident-status"): _incident_status}
    if action not in handlers:
        return problem(404, f"No emulator control at {request.method} {request.path}.", request.path)
    try:
        return handlers[action](emulator, request)
    except HttpError as error:
        return error.response


def snapshot(emulator: "Emulator") -> dict[str, Any]:
    state = emulator.state
    with state.lock:
        return {
            "urls": {"opcon": emulator.opcon_url, "summit": emulator.summit_url},
            "schedules": [schedule_json(schedule) for schedule in state.schedules.values()],
            "jobs": {job_id: job_json(job, with_documentation=True) for job_id, job in state.jobs.items()},
            "incidents": {number: _incident_json(incident) for number, incident in state.incidents.items()},
            "incidentTicketWrites": [write._asdict() for write in state.incident_ticket_writes],
            "documentationWrites": [write._asdict() for write in state.documentation_writes],
            "requests": [logged._asdict() for logged in state.requests],
            "counters": dict(state.counters),
            "faults": emulator.faults.active(),
        }


def _incident_json(incident: Incident) -> dict[str, Any]:
    attachments = [{"fileName": name, "size": len(content), "base64": base64.b64encode(content).decode("ascii")}
                   for name, content in incident.attachments]
    return {"ticketNo": incident.ticket_no, "ticketId": incident.ticket_id, "status": incident.status,
            "fields": incident.fields, "information": incident.information, "customFields": incident.custom_fields,
            "attachments": attachments, "history": incident.history, "reopened": incident.reopened}


def _state(emulator: "Emulator", request: Request) -> Response:
    return json_response(snapshot(emulator))


def _faults(emulator: "Emulator", request: Request) -> Response:
    body = {_snake(name): value for name, value in object_body(request).items()}
    action = body.get("action")
    if action not in _FAULT_ARGS:
        raise bad_request(f"action must be one of {sorted(_FAULT_ARGS)}.")
    if action == "down" and body.get("api") == "opcon" and body.get("seconds") is None:
        raise bad_request("Taking OpCon down over HTTP needs 'seconds': nothing could bring it back.")
    try:
        getattr(emulator.faults, action)(**{name: body[name] for name in _FAULT_ARGS[action] if name in body})
    except (TypeError, ValueError) as error:
        raise bad_request(str(error)) from None
    return json_response({"faults": emulator.faults.active()})


def _reset(emulator: "Emulator", request: Request) -> Response:
    emulator.reset()
    return json_response({"reset": True})


def _settings(emulator: "Emulator", request: Request) -> Response:
    known = {field.name for field in fields(emulator.settings)}
    changes = {_snake(name): value for name, value in object_body(request).items()}
    if unknown := sorted(set(changes) - known):
        raise bad_request(f"Unknown settings: {', '.join(unknown)}.")
    if "known_values" in changes:
        changes["known_values"] = {name: None if values is None else set(values)
                                   for name, values in dict(changes["known_values"]).items()}
    for name, value in changes.items():
        setattr(emulator.settings, name, value)
    return json_response({name: getattr(emulator.settings, name) for name in known if name != "known_values"})


def _incident_status(emulator: "Emulator", request: Request) -> Response:
    body = object_body(request)
    ticket, status = str(body.get("ticket", "")), str(body.get("status", ""))
    if ticket not in emulator.state.incidents or not status:
        raise bad_request(f"Unknown ticket '{ticket}' or empty status.")
    emulator.set_incident_status(ticket, status)
    return json_response({"ticket": ticket, "status": status})


def _snake(name: str) -> str:
    """`pathContains` → `path_contains`, so either spelling works."""
    return "".join(f"_{char.lower()}" if char.isupper() else char for char in name)
