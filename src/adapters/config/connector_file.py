"""Connector.config (B-2): the vendor INI with our optional additions, its schema, and its loader.

The schema is private pydantic models over the INI's lower-cased keys; the loader reads the file and builds
`ConnectorConfig`, raising `InvalidInput` with a finding that names file, section, key and value.
"""

import configparser
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, BaseModel, BeforeValidator, Field, field_validator

from summit_connector.adapters.config.addresses import as_base_url, is_plain_http, shown
from summit_connector.adapters.config.problems import (
    Collected,
    Location,
    closest,
    did_you_mean,
    ignored,
    invalid,
    validated,
)
from summit_connector.adapters.config.secrets import SecretField, open_secret
from summit_connector.adapters.config.settings import DEFAULT_HISTORY_DAYS, ConnectorConfig, ServiceSettings
from summit_connector.adapters.opcon.http import OpConConnection
from summit_connector.adapters.transport.timeouts import DEFAULT_HTTP_TIMEOUT
from summit_connector.application.errors import InvalidInput
from summit_connector.domain.findings import Finding, Severity
from summit_connector.domain.template import DEFAULT_MAX_JOBLOG_BYTES, VENDOR_DEFAULT_ATTRIBUTES, Attribute

TOKEN_ENV = "SUMMIT_CONNECTOR_OPCON_TOKEN"
SECTIONS = ("GENERAL", "DEFAULTS", "PROXY SERVER", "OPCON API", "SERVICE")
_SERVICE = ServiceSettings()
DEFAULT_KEYS = {
    "priority_name_value": "Priority_Name",
    "impact_name_value": "Impact_Name",
    "urgency_name_value": "Urgency_Name",
    "sup_function_value": "Sup_Function",
    "medium_value": "Medium",
    "classification_name_value": "Classification_Name",
    "source_value": "Source",
    "category_name_value": "Category_Name",
    "assigned_work_group_name_value": "Assigned_WorkGroup_Name",
}
RELATIVE = "a relative path is relative to the folder holding Connector.config"
_NOT_FOUND_HINT = "pass -c PATH or set SUMMIT_CONNECTOR_CONFIG, or create the file"
_USES_TLS_HINT = "set USES_TLS=True (OpCon 20+ requires TLS); keep False for a lab or the sandbox only"
_TRUE, _FALSE = {"true", "yes", "on", "1"}, {"false", "no", "off", "0"}


def _ini_bool(value: object) -> object:
    text = str(value).lower()
    if text in _TRUE | _FALSE:
        return text in _TRUE
    raise ValueError("must be True/False, yes/no, on/off or 1/0")


IniBool = Annotated[bool, BeforeValidator(_ini_bool)]
Port = Annotated[int, Field(ge=1, le=65535)]


class GeneralSection(BaseModel):
    joblogdir: str = "joblogs"
    templatesdir: str = "templates"
    logdir: str = "log"
    daily_start_hour: int = Field(0, ge=0, le=23)
    debug: IniBool = False
    timezone: str | None = None
    http_timeout: float = Field(DEFAULT_HTTP_TIMEOUT, gt=0)
    max_joblog_bytes: int = Field(DEFAULT_MAX_JOBLOG_BYTES, ge=1024)
    statedir: str = "."
    history_days: int = Field(DEFAULT_HISTORY_DAYS, ge=1)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be an IANA time zone name such as Europe/Amsterdam") from None
        return name


class ProxySection(BaseModel):
    uses_proxy: IniBool = False
    address: str | None = Field(None, validation_alias=AliasChoices("address", "server"))
    port: Port | None = None


class OpConSection(BaseModel):
    address: str = Field(validation_alias=AliasChoices("address", "server"))
    port: Port | None = None
    uses_tls: IniBool = True
    token: str = Field("", repr=False)
    verify_tls: IniBool = True
    ca_bundle: str | None = None


class ServiceSection(BaseModel):
    """B-14: the resident service (`summit-connector serve`)."""

    port: int = Field(_SERVICE.port, ge=0, le=65535)
    wait_seconds: float = Field(_SERVICE.wait_seconds, gt=0, le=3600)
    concurrency: int = Field(_SERVICE.concurrency, ge=1, le=64)
    retry_seconds: float = Field(_SERVICE.retry_seconds, gt=0)
    sync_seconds: float = Field(_SERVICE.sync_seconds, ge=0)
    reconcile_seconds: float = Field(_SERVICE.reconcile_seconds, ge=0)
    stop_seconds: float = Field(_SERVICE.stop_seconds, ge=0)
    metrics_file: str | None = None


class ConnectorFile(BaseModel):
    general: GeneralSection = Field(alias="GENERAL")
    defaults: dict[str, str] = Field(alias="DEFAULTS")
    proxy: ProxySection = Field(alias="PROXY SERVER")
    opcon: OpConSection = Field(alias="OPCON API")
    service: ServiceSection = Field(alias="SERVICE")


def load_connector_config(path: Path, environ: Mapping[str, str]) -> ConnectorConfig:
    """Read, validate and complete Connector.config; raises InvalidInput naming file, section, key and value."""
    source = str(path)
    sections = _read_sections(path, source)
    settings = validated(ConnectorFile, _without_empty_values(sections), source, _ini_location)
    folder, general, opcon, problems = path.absolute().parent, settings.general, settings.opcon, Collected()
    scheme = "https" if opcon.uses_tls else "http"
    base_url = problems.attempt(lambda: _url(source, "[OPCON API] ADDRESS", opcon.address, scheme, opcon.port), "")
    proxy_url = problems.attempt(lambda: _proxy_url(source, settings.proxy), None)
    ca_bundle = problems.attempt(lambda: _ca_bundle(source, folder, opcon.ca_bundle), None)
    token, token_warnings = problems.attempt(lambda: open_secret(SecretField(
        TOKEN_ENV, source, "[OPCON API] TOKEN"), opcon.token, environ, path), ("", ()))
    problems.raise_any(token_warnings)
    connection = OpConConnection(
        base_url=base_url,
        token=token,
        verify_tls=opcon.verify_tls,
        ca_bundle=ca_bundle,
        timeout_seconds=general.http_timeout,
    )
    return ConnectorConfig(
        path=path.absolute(),
        opcon=connection,
        joblog_dir=folder / general.joblogdir,
        templates_dir=folder / general.templatesdir,
        log_dir=folder / general.logdir,
        state_dir=folder / general.statedir,
        history_days=general.history_days,
        daily_start_hour=general.daily_start_hour,
        debug=general.debug,
        timezone=general.timezone,
        http_timeout_seconds=general.http_timeout,
        max_joblog_bytes=general.max_joblog_bytes,
        proxy_url=proxy_url,
        defaults=_default_attributes(settings.defaults),
        warnings=_plain_http(source, base_url) + token_warnings,
        unknown_keys=_unknown_keys(sections, source),
        service=_service(settings.service, folder),
    )


def _service(section: ServiceSection, folder: Path) -> ServiceSettings:
    metrics_file = folder / section.metrics_file if section.metrics_file else None
    return ServiceSettings(section.port, section.wait_seconds, section.concurrency, section.retry_seconds,
                           section.sync_seconds, section.reconcile_seconds, section.stop_seconds, metrics_file)


def config_for_templates(path: Path) -> ConnectorConfig | None:
    """A Connector.config with errors, as far as its templates need it, so `check` still checks them (B-16.4):
    the folders it names, every other value a default; None when the file cannot be read at all."""
    try:
        general = _without_empty_values(_read_sections(path, str(path))).get("GENERAL", {})
    except InvalidInput:
        return None
    folder = path.absolute().parent
    return ConnectorConfig(path=path.absolute(), opcon=OpConConnection("https://opcon.invalid", ""),
                           joblog_dir=folder / general.get("joblogdir", "joblogs"),
                           templates_dir=folder / general.get("templatesdir", "templates"),
                           log_dir=folder / general.get("logdir", "log"))


def _read_sections(path: Path, source: str) -> dict[str, dict[str, str]]:
    """Section names upper-cased and their inner spaces collapsed, keys lower-cased, values stripped."""
    parser = configparser.ConfigParser(interpolation=None, strict=False, default_section="\0")
    try:
        parser.read_string(path.read_text(encoding="utf-8-sig"), source=source)
    except FileNotFoundError:
        raise invalid(source, "", "file not found", _NOT_FOUND_HINT) from None
    except (OSError, UnicodeDecodeError, configparser.Error) as error:
        raise invalid(source, "", f"cannot be read: {str(error).splitlines()[0]}") from None
    sections: dict[str, dict[str, str]] = {name: {} for name in SECTIONS}
    for name in parser.sections():
        values = {key: value.strip() for key, value in parser.items(name)}
        sections.setdefault(" ".join(name.upper().split()), {}).update(values)
    return sections


def _without_empty_values(sections: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """An empty value means the key is absent, so that its default applies (`SERVER=` in the vendor sample)."""
    return {name: {key: value for key, value in values.items() if value} for name, values in sections.items()}


def _unknown_keys(sections: dict[str, dict[str, str]], source: str) -> tuple[Finding, ...]:
    """`[EXTRA]` for a whole unknown section, `[GENERAL] TEMPLATEDIR` for a key no section model knows."""
    known = _known_keys()
    names = ", ".join(f"[{name}]" for name in SECTIONS)
    unknown_sections = tuple(
        ignored(f"[{name}]", "section", f"the sections are {names}", source) for name in sections if name not in known
    )
    return unknown_sections + tuple(
        ignored(f"[{name}] {key.upper()}", "key", did_you_mean(_upper(closest(key, known[name]))), source)
        for name, values in sections.items() if name in known
        for key in values if key not in known[name]
    )


def _upper(guess: str | None) -> str | None:
    return guess.upper() if guess else None


def _known_keys() -> dict[str, set[str]]:
    """The lower-cased keys each section takes, synonyms included."""
    known = {"DEFAULTS": set(DEFAULT_KEYS)}
    for info in ConnectorFile.model_fields.values():
        if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
            known[str(info.alias)] = _field_names(info.annotation)
    return known


def _field_names(model: type[BaseModel]) -> set[str]:
    return {key for name, info in model.model_fields.items() for key in _keys_of(name, info.validation_alias)}


def _keys_of(name: str, alias: object) -> list[str]:
    return [str(choice) for choice in alias.choices] if isinstance(alias, AliasChoices) else [name]


def _ini_location(location: Location) -> str:
    section, *key = location
    return f"[{section}] {str(key[0]).upper()}" if key else f"[{section}]"


def _url(source: str, where: str, address: str, scheme: str, port: int | None) -> str:
    """ADDRESS as a URL: a scheme or port it carries is kept; else `scheme` and PORT, else the scheme's port."""
    try:
        default_port = port or {"https": 443, "http": 80}[_scheme_of(address, scheme)]
        return as_base_url(address, scheme, default_port)
    except (ValueError, KeyError):
        raise invalid(source, where, f"must be a host name or an http(s) URL, got {shown(address)!r}") from None


def _scheme_of(address: str, scheme: str) -> str:
    return address.strip().split("://", 1)[0].lower() if "://" in address else scheme


def _proxy_url(source: str, proxy: ProxySection) -> str | None:
    if not proxy.uses_proxy:
        return None
    if not proxy.address:
        raise invalid(source, "[PROXY SERVER] ADDRESS", "is required when USES_PROXY is True")
    return _url(source, "[PROXY SERVER] ADDRESS", proxy.address, "http", proxy.port)


def _default_attributes(section: dict[str, str]) -> tuple[Attribute, ...]:
    """[DEFAULTS] keys set Summit fields; vendor defaults fill the gaps (B-2.2)."""
    return tuple(
        Attribute(field, section.get(key, VENDOR_DEFAULT_ATTRIBUTES[field])) for key, field in DEFAULT_KEYS.items()
    )


def _ca_bundle(source: str, folder: Path, name: str | None) -> Path | None:
    if name is None:
        return None
    bundle = folder / name
    if not bundle.is_file():
        raise invalid(source, "[OPCON API] CA_BUNDLE", f"file not found, got {name!r}", RELATIVE)
    return bundle


def _plain_http(source: str, base_url: str) -> tuple[Finding, ...]:
    if not is_plain_http(base_url):
        return ()
    problem = "uses plain http (USES_TLS=False or an http:// ADDRESS): the token travels unencrypted"
    return (Finding("[OPCON API]", Severity.WARNING, problem, _USES_TLS_HINT, source, location_is_subject=True),)
