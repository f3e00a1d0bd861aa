"""IM_LogOrUpdateIncident over the emulated tenant: create, update, re-open (summit-api.md §3)."""

import json
from datetime import timedelta
from typing import Any

from summit_connector.adapters.emulator.context import Context
from summit_connector.adapters.emulator.records import Incident
from summit_connector.adapters.emulator.summit.date_times import summit_time
from summit_connector.adapters.emulator.summit.reply_envelope import envelope
from summit_connector.adapters.emulator.summit.ticket_numbers import ticket_number

STATUSES = ("New", "Assigned", "In-Progress", "Pending", "Resolved", "Closed", "Cancelled")
ACTIVE = ("New", "Assigned", "In-Progress", "Pending")
CLOSED = ("Closed", "Cancelled")


class Rejected(Exception):
    """A business error: Summit answers HTTP 200 with the text in `Errors`."""


def log_or_update(ctx: Context, body: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    try:
        container = _container(body, params)
        ticket = _ticket(container)
        number = ticket_number(ticket.get("Ticket_No"))
        incident = _update(ctx, number, container) if number not in ("", "0") else _create(ctx, container)
    except Rejected as error:
        return envelope(str(error), TicketNo=0, TicketID_Internal=0, TicketID_Encrypted=None,
                        Resolution_DeadLine=None, ResolutionDeadLine=None, Priority=None, SLA=None)
    verb = "updated" if number not in ("", "0") else "logged"
    return _ticket_reply(ctx, incident, f"Ticket {incident.ticket_no} {verb} successfully")


def _container(body: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    """`IncidentContainerJsonObj` (an object) or `IncidentContainerJson` (the same, JSON-encoded as a string)."""
    holder = params.get("incidentParamsJSON") or body.get("incidentParamsJSON")
    if not isinstance(holder, dict):
        raise Rejected("incidentParamsJSON is missing.")
    if isinstance(holder.get("IncidentContainerJsonObj"), dict):
        return holder["IncidentContainerJsonObj"]
    try:
        container = json.loads(holder["IncidentContainerJson"])
    except (KeyError, TypeError, ValueError):
        raise Rejected("IncidentContainerJsonObj or IncidentContainerJson (valid JSON) is required.") from None
    if not isinstance(container, dict):
        raise Rejected("IncidentContainerJson must hold a JSON object.")
    return container


def _ticket(container: dict[str, Any]) -> dict[str, Any]:
    if not str(container.get("Updater") or "").strip():
        raise Rejected("Updater is mandatory.")
    ticket = container.get("Ticket")
    if not isinstance(ticket, dict):
        raise Rejected("Ticket is mandatory.")
    return ticket


def _create(ctx: Context, container: dict[str, Any]) -> Incident:
    ticket = container["Ticket"]
    status = _status(ticket.get("Status")) or "New"
    _check_master_values(ctx, ticket)
    number = ctx.state.take_next("ticket")
    now = ctx.clock()
    incident = Incident(str(number), 500000 + number, status, logged_at=now, updated_at=now)
    _apply(incident, container)
    ctx.state.incidents[incident.ticket_no] = incident
    return incident


def _update(ctx: Context, number: str, container: dict[str, Any]) -> Incident:
    incident = ctx.state.incidents.get(number)
    if incident is None:
        raise Rejected(f"Ticket_No '{number}' does not exist.")
    if incident.status in CLOSED and ctx.settings.reject_closed_updates:
        raise Rejected(f"Ticket {number} is {incident.status} and cannot be updated.")
    status = _status(container["Ticket"].get("Status")) or incident.status
    _check_master_values(ctx, container["Ticket"])
    _check_transition(ctx, incident, status)
    if status != incident.status:
        incident.reopened = incident.reopened or (incident.status == "Resolved" and status in ACTIVE)
        incident.history.append({"column_name": "Status", "OldValue": incident.status, "new_Value": status,
                                 "change_date": summit_time(ctx.clock())})
        incident.status = status
    _apply(incident, container)
    incident.updates.append(dict(container["Ticket"]))
    incident.updated_at = ctx.clock()
    return incident


def _check_transition(ctx: Context, incident: Incident, status: str) -> None:
    if status == "Resolved" and incident.status in ("New", "Pending") and ctx.settings.resolve_from_in_progress_only:
        raise Rejected(f"Ticket {incident.ticket_no} is {incident.status}; it must be In-Progress before Resolved.")


def _status(value: Any) -> str:
    text = str(value or "").strip()
    if not text:
        return ""
    canonical = {status.lower(): status for status in STATUSES}.get(text.lower())
    if canonical is None:
        raise Rejected(f"Invalid Status '{text}'.")
    return canonical


def _check_master_values(ctx: Context, ticket: dict[str, Any]) -> None:
    for field, known in ctx.settings.known_values.items():
        value = str(ticket.get(field) or "").strip()
        if value and known is not None and value.lower() not in {item.lower() for item in known}:
            raise Rejected(f"Invalid {field} '{value}'.")


def _apply(incident: Incident, container: dict[str, Any]) -> None:
    """Non-empty Ticket fields overwrite; Information is appended; a Solution replaces the last one; custom fields
    merge by group and name."""
    fields = {k: v for k, v in container["Ticket"].items() if k not in ("Ticket_No", "Status") and v not in ("", None)}
    incident.fields.update(fields)
    information = container.get("TicketInformation") or {}
    if isinstance(information, dict) and str(information.get("Information") or "").strip():
        incident.information.append(str(information["Information"]))
    if isinstance(information, dict) and str(information.get("Solution") or "").strip():
        incident.solution = str(information["Solution"])
    for custom in container.get("CustomFields") or []:
        if isinstance(custom, dict):
            _merge_custom_field(incident, custom)
    incident.ci.update({key: str(container[key]) for key in ("CI_Key", "CI_Value") if container.get(key)})


def _merge_custom_field(incident: Incident, custom: dict[str, Any]) -> None:
    key = (custom.get("GroupName"), custom.get("Name"))
    incident.custom_fields[:] = [c for c in incident.custom_fields if (c.get("GroupName"), c.get("Name")) != key]
    incident.custom_fields.append(dict(custom))


def _ticket_reply(ctx: Context, incident: Incident, message: str) -> dict[str, Any]:
    deadline = ctx.clock() + timedelta(days=1)
    return envelope(message=message, TicketNo=int(incident.ticket_no), TicketID_Internal=incident.ticket_id,
                    TicketID_Encrypted=incident.encrypted_id, Resolution_DeadLine=summit_time(deadline),
                    ResolutionDeadLine=None, Priority=None, SLA=None)
