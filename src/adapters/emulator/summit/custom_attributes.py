"""An incident's CustomFields as Summit lists them back: panoramicdata/SymphonyAi.Summit.Api `Models/CustomAttribute.cs`
(`ID`, `Incident_ID`, `Group_Name`, `IM_CtAttribute_ID`, `SR_CtAttribute_Name`, `AttributeText`), in both
IM_GetIncidentDetailsAndChangeHistory (`CustomAttributes`) and IM_GetIncidentListwithDetails (`CustomAttribute`).
A create's `{"GroupName", "Name", "Value"}` becomes `Group_Name`, `SR_CtAttribute_Name` and `AttributeText`.
"""

from typing import Any

from summit_connector.adapters.emulator.records import Incident


def custom_attributes(incident: Incident) -> list[dict[str, Any]]:
    return [_custom_attribute(incident, index, item) for index, item in enumerate(incident.custom_fields)]


def _custom_attribute(incident: Incident, index: int, item: dict[str, Any]) -> dict[str, Any]:
    return {"ID": index + 1, "Incident_ID": incident.ticket_id, "Group_Name": str(item.get("GroupName") or ""),
            "IM_CtAttribute_ID": index + 1, "SR_CtAttribute_Name": str(item.get("Name") or ""),
            "AttributeText": "" if item.get("Value") is None else str(item.get("Value"))}
