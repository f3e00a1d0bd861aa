"""Template files (B-3): their schema, and the loader that finds, parses and validates one into the domain
`Template` and the `SummitConnection` (raising `InvalidInput` with a finding at the field)."""

import json
from collections.abc import Callable, Mapping
from contextlib import suppress
from enum import StrEnum
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic.alias_generators import to_camel

from summit_connector.adapters.config.addresses import as_base_url, is_plain_http, shown
from summit_connector.adapters.config.problems import (
    AGAIN,
    Collected,
    Location,
    Problem,
    ignored,
    invalid,
    unknown_keys,
    validated,
)
from summit_connector.adapters.config.secrets import SecretField, open_secret
from summit_connector.adapters.config.settings import ConnectorConfig, LoadedTemplate
from summit_connector.adapters.summit.http import SummitConnection
from summit_connector.adapters.summit.times import strptime_pattern
from summit_connector.domain.findings import Finding, Severity
from summit_connector.domain.template import (
    Attribute,
    ConfigurationItem,
    Correlation,
    CustomAttribute,
    DocumentationRouting,
    GroupBy,
    Grouping,
    JobAction,
    ReconcileScope,
    Recovery,
    RecoveryAction,
    Rules,
    SummitOptions,
    SyncPolicy,
    TagIndicator,
    TagRule,
    Template,
    TriggerText,
)
from summit_connector.domain.working_hours import WEEKDAYS, DayWindow, WorkingHours, parse_hhmm

API_KEY_ENV = "SUMMIT_CONNECTOR_SUMMIT_API_KEY"
URL_NAMES = ("incident", "attachment", "viewIncident")
PATH_FIELDS = {"incident": "incident_path", "attachment": "attachment_path"}
_HHMM_HINT = f'write times as four digits in quotes, e.g. "0800", {AGAIN}'
_JSON_HINT = f"fix the JSON syntax there (quotes, commas, brackets, true/false), {AGAIN}"
_NOT_FOUND_HINT = "check the name given to -t and [GENERAL] TEMPLATESDIR"
_PLAIN_HTTP_HINT = "use an https:// address; keep http:// for a lab or the sandbox only"
_INDICATOR_HINT = "use TAG_START, TAG_END, DEFAULT, EXIT, CATNAME or ASSIGNTO"
_STATUS_HINT = f'write the Summit status in quotes, e.g. "In-Progress", {AGAIN}'
_MINUTES_HINT = f'write a whole number of minutes, e.g. "windowMinutes": 15, {AGAIN}'
_TIME_FORMAT_HINT = f'use .NET letters, e.g. "dd/MM/yyyy HH:mm:ss", {AGAIN}'
_GROUPING_HINT = 'give "by": ["agent"], ["schedule"] or ["agent", "schedule"], or remove the grouping block'

_RULES, _SUMMIT, _RECOVERY, _SYNC, _GROUPING = Rules(), SummitOptions(), Recovery(), SyncPolicy(), Grouping()
_RECONCILE, _CORRELATION, _DOCUMENTATION_ROUTING = ReconcileScope(), Correlation(), DocumentationRouting()
_CI_HINT = f'give "value" (e.g. "@EV_Agent") or "fromTagPrefix" (e.g. "CI_"), not both, {AGAIN}'
MAX_LOOK_BACK_HOURS = 24 * 31
Weekday = StrEnum("Weekday", {name.upper(): name for name in WEEKDAYS})


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
    raise Problem("must be four digits HHMM (0000 to 2359)", _HHMM_HINT)


def _not_a_flag(value: object) -> object:
    """A number of minutes, never `true`/`false` (which pydantic would take for 1 and 0)."""
    if isinstance(value, bool):
        raise Problem("must be a whole number", _MINUTES_HINT)
    return value


def _status(value: object) -> str:
    """A Summit status: text, not empty (numbers are not taken for text here)."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise Problem("must be a Summit status name (text, not empty)", _STATUS_HINT)


def _time_format(value: object) -> str:
    """A .NET custom date-time format Summit's incident list writes Logged_Time in (B-15.2)."""
    if not isinstance(value, str):
        raise Problem("must be a date-time format such as dd/MM/yyyy HH:mm:ss", _TIME_FORMAT_HINT)
    try:
        strptime_pattern(value)
    except ValueError as error:
        raise Problem(f"is not a date-time format ({error})", _TIME_FORMAT_HINT) from None
    return value


def _one_of(choices: type[StrEnum]) -> Callable[[object], StrEnum]:
    """A value of `choices`, whatever its case."""
    by_folded = {choice.value.casefold(): choice for choice in choices}

    def choice(value: object) -> StrEnum:
        if isinstance(value, str) and value.strip().casefold() in by_folded:
            return by_folded[value.strip().casefold()]
        names = ", ".join(c.value for c in choices)
        raise Problem(f"must be one of {names}", f"use one of {names}, {AGAIN}")

    return choice


Flag = Annotated[bool, BeforeValidator(_true_or_false)]
Minutes = Annotated[int, BeforeValidator(_minutes)]
Text = Annotated[str, Field(min_length=1)]
Status = Annotated[str, BeforeValidator(_status)]
WindowMinutes = Annotated[int, BeforeValidator(_not_a_flag), Field(gt=0)]


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
    extract_xml_content_from_job_description: Flag = _RULES.extract_xml_content_from_job_description
    routing_by_documentation_content: Flag = _RULES.routing_by_documentation_content


class JobDescriptionXmlTagModel(_Model):
    """B-16.1: the tag whose text in the job documentation is the runbook (SMA's ServiceNow connector's name)."""

    xml_tag: Text


class DocumentationRoutingModel(_Model):
    """B-16.2: the routing attribute's value by working hours and whether a runbook was found."""

    routing_attribute: Text = _DOCUMENTATION_ROUTING.routing_attribute
    working_hours_with_doc: str = ""
    working_hours_without_doc: str = ""
    non_working_hours_with_doc: str = ""
    non_working_hours_without_doc: str = ""


class CiModel(_Model):
    """B-16.3: `value` (placeholders) or `fromTagPrefix`, not both."""

    key: Text
    value: str = ""
    from_tag_prefix: str = ""

    @model_validator(mode="after")
    def _one_source(self) -> "CiModel":
        if self.value and self.from_tag_prefix:
            raise Problem("gives both value and fromTagPrefix", _CI_HINT)
        if not (self.value or self.from_tag_prefix):
            raise Problem("gives neither value nor fromTagPrefix", _CI_HINT)
        return self


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
    logged_time_format: Annotated[str, BeforeValidator(_time_format)] = _SUMMIT.logged_time_format


class TriggerModel(_Model):
    ticket_description: str | None = None
    ticket_information: str | None = None
    attributes: tuple[NameValue, ...] = ()


class RecoveryModel(_Model):
    action: Annotated[RecoveryAction, BeforeValidator(_one_of(RecoveryAction))] = _RECOVERY.action
    information: str = _RECOVERY.information
    resolved_status: Status = _RECOVERY.resolved_status
    via: tuple[Status, ...] = _RECOVERY.via
    solution: str = _RECOVERY.solution
    attributes: tuple[NameValue, ...] = ()


class SyncModel(_Model):
    """`onStatus` and `stopOn` each replace the default when given (B-12.1)."""

    on_status: dict[Status, Annotated[JobAction, BeforeValidator(_one_of(JobAction))]] = dict(_SYNC.on_status)
    stop_on: tuple[Status, ...] = _SYNC.stop_on


class GroupingModel(_Model):
    """`by` empty turns grouping off, as no block does (B-13.1); `check` warns about it."""

    by: tuple[Annotated[GroupBy, BeforeValidator(_one_of(GroupBy))], ...]
    window_minutes: WindowMinutes = _GROUPING.window_minutes


class MaintenanceWindowModel(_Model):
    """One weekly window on each of `days`, HHMM as working hours (B-13.3, B-4.8)."""

    days: Annotated[tuple[Annotated[Weekday, BeforeValidator(_one_of(Weekday))], ...], Field(min_length=1)]
    start: Minutes
    stop: Minutes


class ReconcileModel(_Model):
    """B-15.1: name patterns (only `*` is a wildcard) and how far back to look."""

    schedules: tuple[Text, ...] = _RECONCILE.schedules
    jobs: tuple[Text, ...] = _RECONCILE.jobs
    tags: tuple[Text, ...] = _RECONCILE.tags
    look_back_hours: Annotated[int, BeforeValidator(_not_a_flag), Field(gt=0, le=MAX_LOOK_BACK_HOURS)] = \
        _RECONCILE.look_back_hours


class CorrelationModel(_Model):
    """B-15.2: the CustomFields entry a create carries to be found again."""

    group_name: Text
    name: Text
    settle_seconds: Annotated[int, BeforeValidator(_not_a_flag), Field(ge=0)] = _CORRELATION.settle_seconds


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
    triggers: dict[str, TriggerModel] = {}
    recovery: RecoveryModel = RecoveryModel()
    sync: SyncModel = SyncModel()
    grouping: GroupingModel | None = None
    maintenance_windows: tuple[MaintenanceWindowModel, ...] = ()
    agent_down: TriggerModel = TriggerModel()
    reconcile: ReconcileModel | None = None
    correlation: CorrelationModel | None = None
    job_description_xml_tag: JobDescriptionXmlTagModel | None = None
    documentation_routing: DocumentationRoutingModel | None = None
    ci: CiModel | None = None


def load_template(name: str, config: ConnectorConfig, environ: Mapping[str, str]) -> LoadedTemplate:
    """Resolve `-t NAME` (B-3.1), validate the file (B-3.2) and build what the report flow needs."""
    path = template_path(name, config.templates_dir)
    source = _shown_path(path, config)
    model = validated(TemplateFile, _parsed(path, source), source, _dotted)
    urls, problems = _urls(model.urls), Collected()
    base_url = problems.attempt(lambda: _summit_url(source, model.address.value), "")
    api_key_field = SecretField(API_KEY_ENV, source, "credentials.apiKey")
    api_key, key_warnings = problems.attempt(
        lambda: open_secret(api_key_field, model.credentials.api_key, environ, config.path), ("", ()))
    problems.raise_any(key_warnings)
    summit = _summit_connection(base_url, urls, api_key, config)
    return LoadedTemplate(
        path=path,
        template=_template(model, urls),
        summit=summit,
        unknown_keys=unknown_keys(model, source) + _unknown_url_names(urls, source),
        warnings=(_plain_http(source, summit.base_url) + _indicator_warnings(source, model)
                  + _grouping_warnings(source, model) + key_warnings),
    )


def template_path(name: str, templates_dir: Path) -> Path:
    """`NAME` → `TEMPLATESDIR/NAME.json`; a name with a folder in it is a path of its own (B-3.1)."""
    given = Path(name if name.lower().endswith(".json") else f"{name}.json")
    return given.absolute() if given.is_absolute() or len(given.parts) > 1 else templates_dir / given


def template_source(name: str, config: ConnectorConfig) -> str:
    """The template as messages name it: relative to the folder holding Connector.config."""
    return _shown_path(template_path(name, config.templates_dir), config)


def _shown_path(path: Path, config: ConnectorConfig) -> str:
    folder = config.path.parent
    return str(path.relative_to(folder)) if path.is_relative_to(folder) else str(path)


def _parsed(path: Path, source: str) -> object:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise invalid(source, "", "template file not found", _NOT_FOUND_HINT) from None
    except (OSError, UnicodeDecodeError) as error:
        raise invalid(source, "", f"cannot be read: {error}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where, problem = f"line {error.lineno} column {error.colno}", f"invalid JSON: {error.msg}"
        raise invalid(source, where, problem, _JSON_HINT) from None


def _dotted(location: Location) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in location).lstrip(".")


def _urls(entries: tuple[NameValue, ...]) -> dict[str, str]:
    """By name; the first entry of a name wins."""
    urls: dict[str, str] = {}
    for entry in entries:
        urls.setdefault(entry.name, entry.value)
    return urls


def _template(model: TemplateFile, urls: dict[str, str]) -> Template:
    hours = model.working_hours
    return Template(
        ticket_description=model.ticket_description,
        ticket_information=model.ticket_information,
        rules=Rules(**_declared(model.rules)),
        working_hours=WorkingHours(
            {
                day: DayWindow(hhmm.start, hhmm.stop)
                for day, name in enumerate(WEEKDAYS)
                if (hhmm := getattr(hours, name))
            }
        ),
        attributes=_attributes(model.attributes),
        working_hours_attributes=_attributes(model.working_hours_attributes),
        non_working_hours_attributes=_attributes(model.non_working_hours_attributes),
        custom_attributes=tuple(CustomAttribute(c.group_name, c.name, c.value) for c in model.custom_attributes),
        tags=tuple(TagRule(t.indicator, t.indicator_value, t.attribute, t.value) for t in model.tags),
        summit=SummitOptions(**_declared(model.summit)),
        view_incident_url=urls.get("viewIncident", ""),
        view_host=_host_and_port((model.view_address or model.address).value),
        triggers=tuple((name, _trigger_text(block)) for name, block in model.triggers.items()),
        recovery=_recovery(model.recovery),
        sync=SyncPolicy(tuple(model.sync.on_status.items()), model.sync.stop_on),
        grouping=_grouping(model.grouping),
        maintenance_windows=tuple(_weekly(window) for window in model.maintenance_windows),
        agent_down=_trigger_text(model.agent_down),
        reconcile=ReconcileScope(**_declared(model.reconcile)) if model.reconcile else None,
        correlation=Correlation(**_declared(model.correlation)) if model.correlation else _CORRELATION,
        runbook_tag=model.job_description_xml_tag.xml_tag if model.job_description_xml_tag else "",
        documentation_routing=(DocumentationRouting(**_declared(model.documentation_routing))
                               if model.documentation_routing else None),
        ci=ConfigurationItem(**_declared(model.ci)) if model.ci else None,
    )


def _trigger_text(block: TriggerModel) -> TriggerText:
    return TriggerText(block.ticket_description, block.ticket_information, _attributes(block.attributes))


def _recovery(block: RecoveryModel) -> Recovery:
    return Recovery(block.action, block.information, block.resolved_status, block.via, block.solution,
                    _attributes(block.attributes))


def _grouping(block: GroupingModel | None) -> Grouping:
    return Grouping(tuple(dict.fromkeys(block.by)), block.window_minutes) if block else _GROUPING


def _weekly(window: MaintenanceWindowModel) -> WorkingHours:
    return WorkingHours({WEEKDAYS.index(day): DayWindow(window.start, window.stop) for day in window.days})


def _declared(model: BaseModel) -> dict[str, object]:
    return {name: getattr(model, name) for name in type(model).model_fields}


def _attributes(entries: tuple[NameValue, ...]) -> tuple[Attribute, ...]:
    return tuple(Attribute(entry.name, entry.value) for entry in entries)


def _host_and_port(address: str) -> str:
    return urlsplit(address if "://" in address else f"//{address}").netloc


def _summit_url(source: str, address: str) -> str:
    """`address.value` as a URL: a bare host means https, a full URL is kept (B-3.3)."""
    if "@" in address.split("/")[2 if "://" in address else 0]:
        raise invalid(source, "address.value", "must not hold a user name or password (the API key authenticates), "
                                               f"got {shown(address)!r}")
    try:
        return as_base_url(address, "https")
    except ValueError:
        problem = f"must be a host name, host:port or an http(s) URL, got {shown(address)!r}"
        raise invalid(source, "address.value", problem) from None


def _summit_connection(base_url: str, urls: dict[str, str], api_key: str, config: ConnectorConfig) -> SummitConnection:
    """Paths from `urls`, else the vendor's; timeout and proxy from Connector.config."""
    paths = {field: urls[name] for name, field in PATH_FIELDS.items() if urls.get(name)}
    return SummitConnection(
        base_url=base_url,
        api_key=api_key,
        timeout_seconds=config.http_timeout_seconds,
        proxy_url=config.proxy_url,
        **paths,
    )


def _unknown_url_names(urls: dict[str, str], source: str) -> tuple[Finding, ...]:
    hint = f"the URL names are {', '.join(URL_NAMES)}"
    return tuple(ignored(f"urls.{name}", "URL name", hint, source) for name in urls if name not in URL_NAMES)


def _plain_http(source: str, base_url: str) -> tuple[Finding, ...]:
    if not is_plain_http(base_url):
        return ()
    problem = "uses plain http: the API key travels unencrypted"
    return (Finding("address.value", Severity.WARNING, problem, _PLAIN_HTTP_HINT, source, location_is_subject=True),)


def _indicator_warnings(source: str, model: TemplateFile) -> tuple[Finding, ...]:
    return tuple(
        Finding(f"tags[{index}].indicator", Severity.WARNING,
                f"unknown indicator {tag.indicator!r}; the rule is never applied", _INDICATOR_HINT, source)
        for index, tag in enumerate(model.tags)
        if tag.indicator not in TagIndicator.__members__
    )


def _grouping_warnings(source: str, model: TemplateFile) -> tuple[Finding, ...]:
    if model.grouping is None or model.grouping.by:
        return ()
    return (Finding("grouping.by", Severity.WARNING, "is empty, so grouping is off", _GROUPING_HINT, source),)
