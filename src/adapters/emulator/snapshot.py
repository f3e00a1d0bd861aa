"""What GET /_emulator/state shows of the state: the Daily, the incidents and what clients sent, as JSON."""

import base64
from datetime import datetime
from typing import Any

from summit_connector.adapters.emulator.opcon.daily_json import job_json, schedule_json
from summit_connector.adapters.emulator.records import Incident, JobActionRequest
from summit_connector.adapters.emulator.state import EmulatorState


def state_snapshot(state: EmulatorState) -> dict[str, Any]:
    with state.lock:
        return {
            "schedules": [schedule_json(schedule) for schedule in state.schedules.values()],
            "jobs": {job_id: job_json(job, with_documentation=True) for job_id, job in state.jobs.items()},
            "incidents": {number: _incident_json(incident) for number, incident in state.incidents.items()},
            "incidentTicketWrites": [write._asdict() for write in state.incident_ticket_writes],
            "documentationWrites": [write._asdict() for write in state.documentation_writes],
            "jobActions": [_job_action_json(request) for request in state.job_actions.values()],
            "requests": [logged._asdict() for logged in state.requests],
            "counters": dict(state.counters),
        }


def _incident_json(incident: Incident) -> dict[str, Any]:
    attachments = [{"fileName": name, "size": len(content), "base64": base64.b64encode(content).decode("ascii")}
                   for name, content in incident.attachments]
    return {"ticketNo": incident.ticket_no, "ticketId": incident.ticket_id, "status": incident.status,
            "fields": incident.fields, "information": incident.information, "customFields": incident.custom_fields,
            "attachments": attachments, "history": incident.history, "reopened": incident.reopened,
            "solution": incident.solution, "updates": incident.updates,
            "loggedAt": _iso(incident.logged_at), "updatedAt": _iso(incident.updated_at)}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _job_action_json(request: JobActionRequest) -> dict[str, Any]:
    outcomes = {job_id: {"result": result, "message": message}
                for job_id, (result, message) in request.outcomes.items()}
    return {"id": request.id, "action": request.action, "jobs": request.job_ids, "reason": request.reason,
            "result": request.result, "outcomes": outcomes}
