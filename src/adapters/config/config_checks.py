"""`check` over the files (B-7): each is loaded as `report` loads it, and every problem becomes a finding.

A file that does not load gives one error (its first problem) and the others are still checked.
"""

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from summit_connector.adapters.config.connector_config import load_connector_config
from summit_connector.adapters.config.directory_checks import directory_findings
from summit_connector.adapters.config.key_findings import config_key_findings, template_key_findings
from summit_connector.adapters.config.loader_findings import from_message
from summit_connector.adapters.config.settings import ConnectorConfig, LoadedTemplate
from summit_connector.adapters.config.template_file import load_template, template_source
from summit_connector.application.errors import InvalidInput
from summit_connector.domain.findings import Finding, Severity
from summit_connector.domain.template_checks import check_template


def check_connector_config(path: Path, environ: Mapping[str, str]) -> tuple[ConnectorConfig | None, list[Finding]]:
    source = str(path)
    try:
        config = load_connector_config(path, environ)
    except InvalidInput as error:
        return None, [from_message(str(error), source, Severity.ERROR)]
    return config, [
        *_warnings(config.warnings, source),
        *config_key_findings(config.unknown_keys, source),
        *directory_findings(config, source),
    ]


def check_template_file(
    name: str, config: ConnectorConfig, environ: Mapping[str, str]
) -> tuple[LoadedTemplate | None, list[Finding]]:
    source = template_source(name, config)
    try:
        loaded = load_template(name, config, environ)
    except InvalidInput as error:
        return None, [from_message(str(error), source, Severity.ERROR)]
    return loaded, [
        *_warnings(loaded.warnings, source),
        *template_key_findings(loaded.unknown_keys, source),
        *(replace(finding, file=source) for finding in check_template(loaded.template)),
    ]


def template_names(config: ConnectorConfig) -> list[str]:
    """Every `*.json` in TEMPLATESDIR, by name; none when the folder is missing (a finding of its own)."""
    folder = config.templates_dir
    return sorted(path.name for path in folder.glob("*.json")) if folder.is_dir() else []


def _warnings(messages: Iterable[str], source: str) -> list[Finding]:
    return [from_message(message, source, Severity.WARNING) for message in messages]
