"""`explain --json`: the decision record as one JSON object (B-7), the same record `report` (or `recover`, B-11.2)
acts on."""

from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from summit_connector.domain.working_hours import DayWindow
from summit_connector.entrypoints.explanation import Explanation, RecoveryExplanation


def as_json(ex: Explanation) -> dict[str, Any]:
    """Every field of the decision, then where the inputs came from and the Summit request (API key masked)."""
    decision = _plain(ex.decision)
    decision["attributes"] = [{"name": a.name, "value": a.value, "layer": a.layer.value}
                              for a in ex.decision.attributes]
    return {
        **decision,
        **_inputs(ex),
        "request": _plain(ex.request),
    }


def recovery_as_json(ex: RecoveryExplanation) -> dict[str, Any]:
    """Every field of the recovery decision, where the inputs came from, and the Summit request of each step."""
    return {
        **_plain(ex.decision),
        **_inputs(ex),
        "requests": _plain(ex.requests),
    }


def _inputs(ex: Explanation | RecoveryExplanation) -> dict[str, Any]:
    inputs = {"template": ex.template_path, "now_source": ex.now_source, "job_lookup": ex.lookup.name.lower(),
              "sources": ex.sources, "ignored": list(ex.ignored), "ticket_status": ex.ticket_status_given}
    return {"inputs": inputs, "config_warnings": list(ex.warnings)}


def _plain(value: Any) -> Any:
    """Records as objects, enums as their values, dates as ISO-8601, day windows as HHMM."""
    if isinstance(value, DayWindow):
        return dict(zip(("start", "stop"), value.hhmm))
    if is_dataclass(value):
        return {field.name: _plain(getattr(value, field.name)) for field in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value
