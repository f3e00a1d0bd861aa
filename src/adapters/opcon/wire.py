"""OpCon's JSON as it arrives (keys from SMA's Java client, §4.1 of the reference); unknown keys are ignored."""

from typing import Annotated, Any

from pydantic import AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter
from pydantic.alias_generators import to_camel


class _Wire(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="ignore", coerce_numbers_to_str=True, frozen=True
    )


class ScheduleRow(_Wire):
    id: str | None = None
    master_id: int | None = None
    instance: int | None = None
    name: str | None = Field(None, validation_alias=AliasChoices("name", "scheduleName"))


class DocumentationWire(_Wire):
    id: int | None = None
    job: str | None = None
    frequency: str | None = None


class JobRow(_Wire):
    id: str | None = None
    uid: int | None = None
    name: str | None = Field(None, validation_alias=AliasChoices("name", "jobName"))
    job_number: int | None = None
    tags: list[str] | None = None
    incident_ticket_id: str | None = None
    documentation: DocumentationWire | None = None
    schedule: ScheduleRow | None = None


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


def _one_or_many(value: Any) -> Any:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


SCHEDULES = TypeAdapter(list[ScheduleRow])
JOBS = TypeAdapter(list[JobRow])
TICKETS = TypeAdapter(Annotated[list[IncidentTicketWire], BeforeValidator(_one_or_many)])
ACTION = TypeAdapter(JobInstanceAction)
