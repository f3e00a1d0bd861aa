"""The template file's schema (B-3.2, B-3.4) as private pydantic models; unknown keys are kept to be reported."""

from contextlib import suppress
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic.alias_generators import to_camel

from summit_connector.domain.template import Rules, SummitOptions
from summit_connector.domain.working_hours import parse_hhmm

_RULES, _SUMMIT = Rules(), SummitOptions()


def _true_or_false(value: object) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise ValueError("must be true or false")


def _minutes(value: object) -> int:
    if isinstance(value, str):
        with suppress(ValueError):
            return parse_hhmm(value)
    raise ValueError("must be four digits HHMM (0000 to 2359)")


Flag = Annotated[bool, BeforeValidator(_true_or_false)]
Minutes = Annotated[int, BeforeValidator(_minutes)]
Text = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, extra="allow", coerce_numbers_to_str=True, frozen=True)


class NameValue(_Model):
    name: Text
    value: str


class Address(_Model):
    name: str = ""
    value: Text


class Credentials(_Model):
    api_key: str = Field("", repr=False)


class RulesModel(_Model):
    include_job_log_attachment: Flag = _RULES.include_job_log_attachment
    include_tag_routing: Flag = _RULES.include_tag_routing
    include_work_group_name_tag: Flag = _RULES.include_work_group_name_tag
    include_category_name_tag: Flag = _RULES.include_category_name_tag
    include_assign_to_tag: Flag = _RULES.include_assign_to_tag
    submit_single_incident_per_day: Flag = _RULES.submit_single_incident_per_day


class Day(_Model):
    start: Minutes
    stop: Minutes


class WorkingHoursModel(_Model):
    monday: Day | None = None
    tuesday: Day | None = None
    wednesday: Day | None = None
    thursday: Day | None = None
    friday: Day | None = None
    saturday: Day | None = None
    sunday: Day | None = None


class CustomAttributeModel(_Model):
    group_name: str
    name: Text
    value: str


class TagModel(_Model):
    indicator: Text
    indicator_value: str
    attribute: str = ""
    value: str = ""


class SummitModel(_Model):
    org_id: int = _SUMMIT.org_id
    new_status: Text = _SUMMIT.new_status
    reopen_status: Text = _SUMMIT.reopen_status
    resolved_statuses: tuple[str, ...] = _SUMMIT.resolved_statuses
    closed_statuses: tuple[str, ...] = _SUMMIT.closed_statuses
    attachment_file_field: Text = _SUMMIT.attachment_file_field


class TemplateFile(_Model):
    ticket_description: str = ""
    ticket_information: str = ""
    address: Address
    view_address: Address | None = None
    credentials: Credentials
    rules: RulesModel
    urls: tuple[NameValue, ...] = ()
    working_hours: WorkingHoursModel = WorkingHoursModel()
    attributes: tuple[NameValue, ...] = ()
    working_hours_attributes: tuple[NameValue, ...] = ()
    non_working_hours_attributes: tuple[NameValue, ...] = ()
    custom_attributes: tuple[CustomAttributeModel, ...] = ()
    tags: tuple[TagModel, ...] = ()
    summit: SummitModel = SummitModel()


def unknown_keys(model: BaseModel, prefix: str = "") -> tuple[str, ...]:
    """Dotted paths of keys the schema does not know (`rules.includeTagRoutng`, `tags[2].colour`)."""
    found = tuple(f"{prefix}{key}" for key in model.model_extra or {})
    for name, info in type(model).model_fields.items():
        found += _unknown_below(getattr(model, name), f"{prefix}{info.alias or name}")
    return found


def _unknown_below(value: object, path: str) -> tuple[str, ...]:
    if isinstance(value, BaseModel):
        return unknown_keys(value, f"{path}.")
    if isinstance(value, tuple):
        return sum((_unknown_below(item, f"{path}[{index}]") for index, item in enumerate(value)), ())
    return ()
