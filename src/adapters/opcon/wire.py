"""OpCon's JSON as it arrives (keys from SMA's Java client, §4.1 of the reference); unknown keys are ignored."""

import json
from typing import Annotated, Any, TypeVar

from pydantic import AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter, ValidationError
from pydantic.alias_generators import to_camel


class _Wire(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="ignore", coerce_numbers_to_str=True, frozen=True
    )


class ScheduleRow(_Wire):
    id: str | None = None
    date: str | None = None
    master_id: int | None = None
    instance: int | None = None
    name: str | None = Field(None, validation_alias=AliasChoices("name", "scheduleName"))


class DocumentationWire(_Wire):
    id: int | None = None
    job: str | None = None
    frequency: str | None = None


class StatusWire(_Wire):
    category: str | None = None


class MachineWire(_Wire):
    name: str | None = None


class JobRow(_Wire):
    id: str | None = None
    uid: int | None = None
    name: str | None = Field(None, validation_alias=AliasChoices("name", "jobName"))
    job_number: int | None = None
    tags: list[str] | None = None
    incident_ticket_id: str | None = None
    documentation: DocumentationWire | None = None
    schedule: ScheduleRow | None = None
    status: StatusWire | None = Field(None, validation_alias=AliasChoices("status", "jobStatus"))
    termination_description: str | None = None
    start_machine: MachineWire | None = None
    primary_machine: MachineWire | None = None


class IncidentTicketWire(_Wire):
    id: int | None = None
    ticket_id: str | None = None


class ActionItem(_Wire):
    result: str | None = None
    message: str | None = None
    files: list[str] | None = None
    data: str | None = None


class JobInstanceAction(_Wire):
    id: str
    result: str | None = None
    message: str | None = None
    job_instance_action_items: list[ActionItem] | None = None


class _Lenient(_Wire):
    """Read with `leniently`: a reply of another shape, a number where text belongs included, reads as defaults."""

    model_config = ConfigDict(coerce_numbers_to_str=False)


class Version(_Lenient):
    op_con_rest_api_product_version: str = "unknown"


class _Named(_Lenient):
    login_name: str = ""
    type: str = ""


class Token(_Lenient):
    user: _Named = _Named()
    token_type: _Named = _Named()
    valid_until: str = ""


def _one_or_many(value: Any) -> Any:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


SCHEDULES = TypeAdapter(list[ScheduleRow])
JOBS = TypeAdapter(list[JobRow])
TICKETS = TypeAdapter(Annotated[list[IncidentTicketWire], BeforeValidator(_one_or_many)])
ACTION = TypeAdapter(JobInstanceAction)


Model = TypeVar("Model", bound=_Lenient)


def leniently(model: type[Model], body: bytes) -> Model:
    """`body` read as `model`; the model's defaults when it is not JSON of that shape."""
    try:
        return model.model_validate(json.loads(body))
    except (ValueError, ValidationError):
        return model()


def said(body: Any) -> str:
    """OpCon's own words from any of its error body shapes: an ApiError list, `{code, message}` or
    problem details (`title - detail`); "" when it said nothing readable."""
    items = body if isinstance(body, list) else [body]
    return "; ".join(filter(None, (_words(item) for item in items)))


def _words(item: Any) -> str:
    if isinstance(item, str):
        return item
    if not isinstance(item, dict):
        return ""
    fields = {str(key).lower(): value for key, value in item.items()}
    if fields.get("message"):
        return str(fields["message"])
    parts = (fields.get("title"), fields.get("detail"))
    return " - ".join(str(part) for part in parts if part)
