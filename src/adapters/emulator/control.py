"""Drive an emulator in another process over HTTP, on the OpCon server (no token needed).

    GET  /_emulator/state            → urls, schedules, jobs, incidents, writes, requests, counters, faults
    POST /_emulator/faults           {"action": "fail", "api": "summit", "status": 503, "times": 2,
                                      "path_contains": "", "retry_after": 1, "after": false}
                                     {"action": "fail", "service": "IM_GetIncidentListwithDetails", "status": 500}
                                     {"action": "lose_reply", "service": "IM_LogOrUpdateIncident", "times": 1}
                                     {"action": "hang", "api": "opcon", "seconds": 5, "times": 1}
                                     {"action": "down", "api": "summit", "seconds": 2}  (opcon needs seconds)
                                     {"action": "up", "api": "summit"}   {"action": "clear"}
    POST /_emulator/reset            → faults cleared, state emptied, samples seeded again if they were
    POST /_emulator/settings         {"double_encode": true, "jors_pending_polls": 2, "known_values": {...}}
    POST /_emulator/incident-status  {"ticket": "9002", "status": "Resolved"}
    POST /_emulator/job-status       {"job": "20240921|16|1|JOB001", "status": "Finished OK"}  (a status description)
    POST /_emulator/failed-job       {"schedule": "PAYROLL", "day": "2024-09-20", "master_id": 16, "instance": 1,
                                      "job": "JOB009", "tags": [], "start_machine": null,
                                      "primary_machine": "WINAGENT02", "termination": "+000000002",
                                      "status": "Failed"}  → {"job": <daily job id>, "agent": ...}
                                     (Emulator.add_failed_job: a failure no Notification Manager run reported)
"""

from dataclasses import fields
from typing import Any, Protocol

from summit_connector.adapters.emulator.context import EmulatorSettings
from summit_connector.adapters.emulator.exchange import HttpError, Request, Response, json_response
from summit_connector.adapters.emulator.faults import Faults
from summit_connector.adapters.emulator.opcon.error_shapes import bad_request, object_body, problem
from summit_connector.adapters.emulator.snapshot import state_snapshot
from summit_connector.adapters.emulator.state import EmulatorState


class ControlledEmulator(Protocol):
    """What the control API drives: the emulator passes itself, so this module never imports it."""

    state: EmulatorState
    settings: EmulatorSettings
    faults: Faults

    @property
    def opcon_url(self) -> str: ...

    @property
    def summit_url(self) -> str: ...

    def reset(self) -> None: ...

    def add_failed_job(self, schedule: str, day: str, master_id: int, instance: int, job: str,
                       **options: Any) -> Any: ...


_FAULT_ARGS = {
    "fail": ("api", "status", "times", "path_contains", "retry_after", "after"),
    "lose_reply": ("api", "times", "path_contains"),
    "hang": ("api", "seconds", "times", "path_contains"),
    "down": ("api", "seconds"),
    "up": ("api",),
    "clear": (),
}


def is_control(request: Request) -> bool:
    return bool(request.segments) and request.segments[0].lower() == "_emulator"


def handle_control(emulator: ControlledEmulator, request: Request) -> Response:
    action = (request.method, "/".join(request.segments[1:]).lower())
    handlers = {("GET", "state"): _state, ("POST", "faults"): _faults, ("POST", "reset"): _reset,
                ("POST", "settings"): _settings, ("POST", "incident-status"): _incident_status,
                ("POST", "job-status"): _job_status, ("POST", "failed-job"): _failed_job}
    if action not in handlers:
        return problem(404, f"No emulator control at {request.method} {request.path}.", request.path)
    try:
        return handlers[action](emulator, request)
    except HttpError as error:
        return error.response


def snapshot(emulator: ControlledEmulator) -> dict[str, Any]:
    with emulator.state.lock:
        return {"urls": {"opcon": emulator.opcon_url, "summit": emulator.summit_url},
                **state_snapshot(emulator.state), "faults": emulator.faults.active()}


def _state(emulator: ControlledEmulator, request: Request) -> Response:
    return json_response(snapshot(emulator))


def _faults(emulator: ControlledEmulator, request: Request) -> Response:
    body = {_snake(name): value for name, value in object_body(request).items()}
    if "service" in body:
        body.setdefault("api", body.pop("service"))
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


def _reset(emulator: ControlledEmulator, request: Request) -> Response:
    emulator.reset()
    return json_response({"reset": True})


def _settings(emulator: ControlledEmulator, request: Request) -> Response:
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


def _incident_status(emulator: ControlledEmulator, request: Request) -> Response:
    body = object_body(request)
    ticket, status = str(body.get("ticket", "")), str(body.get("status", ""))
    if ticket not in emulator.state.incidents or not status:
        raise bad_request(f"Unknown ticket '{ticket}' or empty status.")
    emulator.state.set_incident_status(ticket, status)
    return json_response({"ticket": ticket, "status": status})


def _job_status(emulator: ControlledEmulator, request: Request) -> Response:
    body = object_body(request)
    job, status = str(body.get("job", "")), str(body.get("status", ""))
    if job not in emulator.state.jobs:
        raise bad_request(f"Unknown daily job '{job}'.")
    try:
        emulator.state.set_job_status(job, status)
    except ValueError as error:
        raise bad_request(str(error)) from None
    return json_response({"job": job, "status": status})


_FAILED_JOB = {"schedule", "day", "master_id", "instance", "job", "tags", "start_machine", "primary_machine",
               "termination", "status", "incident_ticket_id", "documentation", "job_type"}


def _failed_job(emulator: ControlledEmulator, request: Request) -> Response:
    body = {_snake(name): value for name, value in object_body(request).items()}
    if unknown := sorted(set(body) - _FAILED_JOB):
        raise bad_request(f"Unknown fields: {', '.join(unknown)}.")
    try:
        added = emulator.add_failed_job(**body)
    except (TypeError, ValueError) as error:
        raise bad_request(str(error)) from None
    return json_response({"job": added.id, "agent": added.agent, "termination": added.termination})


def _snake(name: str) -> str:
    """`pathContains` → `path_contains`, so either spelling works."""
    return "".join(f"_{char.lower()}" if char.isupper() else char for char in name)
