"""Connector.config (B-2): the vendor INI with our optional additions, validated into `ConnectorConfig`."""

import configparser
from collections.abc import Mapping
from pathlib import Path

from pydantic import AliasChoices, BaseModel

from summit_connector.adapters.config.connector_model import SECTIONS, ConnectorFile, ProxySection
from summit_connector.adapters.config.messages import Location, invalid, validated
from summit_connector.adapters.config.secrets import open_secret
from summit_connector.adapters.config.settings import ConnectorConfig, OpConConnection
from summit_connector.adapters.config.urls import as_base_url, plain_http_warning, shown
from summit_connector.domain.template import VENDOR_DEFAULT_ATTRIBUTES, Attribute

TOKEN_ENV = "SUMMIT_CONNECTOR_OPCON_TOKEN"
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


def load_connector_config(path: Path, environ: Mapping[str, str]) -> ConnectorConfig:
    """Read, validate and complete Connector.config; raises InvalidInput naming file, section, key and value."""
    source = str(path)
    sections = _read_sections(path, source)
    settings = validated(ConnectorFile, _without_empty_values(sections), source, _ini_location)
    folder, general, opcon = path.absolute().parent, settings.general, settings.opcon
    base_url = _url(source, "[OPCON API] ADDRESS", opcon.address, "https" if opcon.uses_tls else "http", opcon.port)
    ca_bundle, proxy_url = _ca_bundle(source, folder, opcon.ca_bundle), _proxy_url(source, settings.proxy)
    token, token_warnings = open_secret(TOKEN_ENV, environ, path, opcon.token, f"{source}: [OPCON API] TOKEN")
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
        daily_start_hour=general.daily_start_hour,
        debug=general.debug,
        timezone=general.timezone,
        http_timeout_seconds=general.http_timeout,
        max_joblog_bytes=general.max_joblog_bytes,
        proxy_url=proxy_url,
        defaults=_default_attributes(settings.defaults),
        warnings=plain_http_warning(base_url, f"{source}: [OPCON API] uses plain http (USES_TLS=False or an "
                                              "http:// ADDRESS): the token travels unencrypted") + token_warnings,
        unknown_keys=_unknown_keys(sections),
    )


def _read_sections(path: Path, source: str) -> dict[str, dict[str, str]]:
    """Section names upper-cased and their inner spaces collapsed, keys lower-cased, values stripped."""
    parser = configparser.ConfigParser(interpolation=None, strict=False, default_section="\0")
    try:
        parser.read_string(path.read_text(encoding="utf-8-sig"), source=source)
    except FileNotFoundError:
        raise invalid(source, "", "file not found") from None
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


def _unknown_keys(sections: dict[str, dict[str, str]]) -> tuple[str, ...]:
    """`[GENERAL] TEMPLATEDIR` for a key no section model knows, `[EXTRA]` for a whole unknown section."""
    known = known_keys()
    unknown_sections = tuple(f"[{name}]" for name in sections if name not in known)
    return unknown_sections + tuple(
        f"[{name}] {key.upper()}" for name, values in sections.items() if name in known
        for key in values if key not in known[name]
    )


def known_keys() -> dict[str, set[str]]:
    """The lower-cased keys each section takes, synonyms included."""
    sections = {info.alias: info.annotation for info in ConnectorFile.model_fields.values()}
    models = {name: model for name, model in sections.items() if isinstance(model, type) and issubclass(model, BaseModel)}
    return {name: _field_names(model) for name, model in models.items()} | {"DEFAULTS": set(DEFAULT_KEYS)}


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
        raise invalid(source, "[OPCON API] CA_BUNDLE", f"file not found, got {name!r}")
    return bundle
