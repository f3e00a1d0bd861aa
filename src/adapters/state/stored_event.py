"""A FailureEvent as the JSON text the state store keeps (outbox and journal rows)."""

import json
from datetime import date

from summit_connector.domain.model import FailureEvent, Trigger


def event_json(event: FailureEvent) -> str:
    fields = dict(vars(event))
    fields["schedule_date"] = event.schedule_date.isoformat()
    fields["trigger"] = event.trigger.value
    return json.dumps(fields)


def event_from_json(text: str) -> FailureEvent:
    """An event stored before triggers existed reads as `failed`."""
    fields = json.loads(text)
    fields["schedule_date"] = date.fromisoformat(fields["schedule_date"])
    fields["trigger"] = Trigger(fields.get("trigger", Trigger.FAILED))
    return FailureEvent(**fields)
