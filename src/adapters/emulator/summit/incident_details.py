"""IM_GetIncidentDetailsAndChangeHistory over the emulated tenant: the status before a re-open (summit-api.md §5).

Rows carry the keys and JSON types of the public C# client's models (panoramicdata/SymphonyAi.Summit.Api
`Models/IncidentDetail2.cs` via `ticket_details`, `Models/ChangeHistoryItem.cs`, `Models/CustomAttribute.cs`).
"""

from typing import Any

from summit_connector.adapters.emulator.context import Context
from summit_connector.adapters.emulator.summit.custom_attributes import custom_attributes
from summit_connector.adapters.emulator.summit.reply_envelope import envelope
from summit_connector.adapters.emulator.summit.ticket_details import ticket_details
from summit_connector.adapters.emulator.summit.ticket_numbers import ticket_number


def details(ctx: Context, body: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    number = ticket_number(params.get("TicketNo"))
    incident = ctx.state.incidents.get(number)
    if incident is None:
        empty = {"TicketDetails": [], "ChangeHistory": [], "CustomAttributes": []}
        return envelope(f"Ticket '{number}' does not exist.", output_object={"IncidentDetails": empty})
    return envelope(output_object={"IncidentDetails": {
        "TicketDetails": [ticket_details(incident)],
        "ChangeHistory": [_history_item(index, item) for index, item in enumerate(incident.history)],
        "CustomAttributes": custom_attributes(incident),
    }})


def _history_item(index: int, item: dict[str, Any]) -> dict[str, Any]:
    return {"uid": index + 1, "column_name": str(item.get("column_name") or ""),
            "change_date": str(item.get("change_date") or ""), "change_by": 0, "change_byName": "API",
            "OldValue": item.get("OldValue"), "new_Value": str(item.get("new_Value") or ""), "AttributeType": ""}

