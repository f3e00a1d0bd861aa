"""IM_GetIncidentDetailsAndChangeHistory over the emulated tenant: the status before a re-open (summit-api.md §5)."""

from typing import Any

from summit_connector.adapters.emulator.context import Context
from summit_connector.adapters.emulator.records import Incident
from summit_connector.adapters.emulator.summit.reply_envelope import envelope
from summit_connector.adapters.emulator.summit.ticket_numbers import ticket_number


def details(ctx: Context, body: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    number = ticket_number(params.get("TicketNo"))
    incident = ctx.state.incidents.get(number)
    if incident is None:
        empty = {"TicketDetails": [], "ChangeHistory": [], "CustomAttributes": []}
        return envelope(f"Ticket '{number}' does not exist.", output_object={"IncidentDetails": empty})
    return envelope(output_object={"IncidentDetails": {
        "TicketDetails": [_ticket_details(incident)],
        "ChangeHistory": [_history_item(incident, index, item) for index, item in enumerate(incident.history)],
        "CustomAttributes": [_custom_attribute(incident, index, item)
                             for index, item in enumerate(incident.custom_fields)],
    }})


def _ticket_details(incident: Incident) -> dict[str, Any]:
    fields = incident.fields
    description = str(fields.get("Description") or "")
    return {
        "Ticket_ID": incident.ticket_id, "Ticket_No": incident.ticket_no, "Status": incident.status,
        "Subject": str(fields.get("Symptom") or "") or (description.splitlines() or [""])[0],
        "Description": description, "Information": "\n".join(incident.information), "Solution": incident.solution,
        "Reopen_Ticket": incident.reopened, "Repeat_Ticket": False, "attachments": bool(incident.attachments),
        "Ticket_ID_Encrypted": incident.encrypted_id, "WG_Name": fields.get("Assigned_WorkGroup_Name"),
        "Category": fields.get("Category_Name"), "PriorityName": fields.get("Priority_Name"),
        "Impact_Name": fields.get("Impact_Name"), "Severity_Name": fields.get("Urgency_Name"),
        "Classification": fields.get("Classification_Name"), "Sup_Function": fields.get("Sup_Function"),
        "Medium": fields.get("Medium"), "Source": fields.get("Source"), "SLA_Name": fields.get("SLA_Name"),
        "Caller_EmailID": fields.get("Caller_EmailID"), "Assigned_Engineer_Email": fields.get("Assigned_Engineer_Email"),
    }


def _history_item(incident: Incident, index: int, item: dict[str, Any]) -> dict[str, Any]:
    return {"uid": index + 1, "change_date": None, "change_by": 0, "change_byName": "API", "AttributeType": None,
            "Incident_ID": incident.ticket_id, **item}


def _custom_attribute(incident: Incident, index: int, item: dict[str, Any]) -> dict[str, Any]:
    return {"ID": index + 1, "Incident_ID": incident.ticket_id, "Group_Name": item.get("GroupName"),
            "IM_CtAttribute_ID": index + 1, "SR_CtAttribute_Name": item.get("Name"),
            "AttributeText": item.get("Value")}
