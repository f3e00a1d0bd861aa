"""Template files (B-3): find, parse and validate one, and build the domain `Template` and `SummitConnection`."""

import json
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel

from summit_connector.adapters.config.messages import Location, invalid, validated
from summit_connector.adapters.config.secrets import open_secret
from summit_connector.adapters.config.urls import as_base_url, plain_http_warning, shown
from summit_connector.adapters.config.settings import ConnectorConfig, LoadedTemplate, SummitConnection
from summit_connector.adapters.config.template_model import NameValue, TemplateFile, unknown_keys
from summit_connector.domain.template import (
    Attribute,
    CustomAttribute,
    Rules,
    SummitOptions,
    TagIndicator,
    TagRule,
    Template,
)
from summit_connector.domain.working_hours import WEEKDAYS, DayWindow, WorkingHours

API_KEY_ENV = "SUMMIT_CONNECTOR_SUMMIT_API_KEY"
URL_NAMES = ("incident", "attachment", "viewIncident")
PATH_FIELDS = {"incident": "incident_path", "attachment": "attachment_path"}


def load_template(name: str, config: ConnectorConfig, environ: Mapping[str, str]) -> LoadedTemplate:
    """Resolve `-t NAME` (B-3.1), validate the file (B-3.2) and build what the report flow needs."""
    path = template_path(name, config.templates_dir)
    source = _shown_path(path, config)
    model = validated(TemplateFile, _parsed(path, source), source, _dotted)
    urls = _urls(model.urls)
    base_url = _summit_url(source, model.address.value)
    api_key, key_warnings = open_secret(
        API_KEY_ENV, environ, config.path, model.credentials.api_key, f"{source}: credentials.apiKey"
    )
    summit = _summit_connection(base_url, urls, api_key, config)
    return LoadedTemplate(
        path=path,
        template=_template(model, urls),
        summit=summit,
        unknown_keys=unknown_keys(model) + tuple(f"urls.{name}" for name in urls if name not in URL_NAMES),
        warnings=_plain_http(source, summit.base_url) + _indicator_warnings(source, model) + key_warnings,
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
        raise invalid(source, "", "template file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise invalid(source, "", f"cannot be read: {error}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise invalid(source, f"line {error.lineno} column {error.colno}", f"invalid JSON: {error.msg}") from None


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
    )


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


def _plain_http(source: str, base_url: str) -> tuple[str, ...]:
    return plain_http_warning(base_url, f"{source}: address.value uses plain http: the API key travels unencrypted")


def _indicator_warnings(source: str, model: TemplateFile) -> tuple[str, ...]:
    return tuple(
        f"{source}: tags[{index}].indicator: unknown indicator {tag.indicator!r}; the rule is never applied"
        for index, tag in enumerate(model.tags)
        if tag.indicator not in TagIndicator.__members__
    )
