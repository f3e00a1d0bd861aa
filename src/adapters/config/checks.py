"""`check` over the files (B-7): each is loaded as `report` loads it, and its findings are shown as they are,
with what only `check` looks at: unknown keys, the folders Connector.config names, the template's policy.

A file that does not load gives one error (its first problem) and the others are still checked. Folders are
checked without leaving anything behind: a missing folder is not created, only its nearest parent is tried.
"""

import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from summit_connector.adapters.config.connector_file import RELATIVE, load_connector_config
from summit_connector.adapters.config.settings import ConnectorConfig, LoadedTemplate
from summit_connector.adapters.config.template_file import load_template, template_source
from summit_connector.application.errors import InvalidInput
from summit_connector.domain.findings import Finding, Severity
from summit_connector.domain.template_checks import check_template

TEMPLATESDIR = "[GENERAL] TEMPLATESDIR"


def check_connector_config(path: Path, environ: Mapping[str, str]) -> tuple[ConnectorConfig | None, list[Finding]]:
    try:
        config = load_connector_config(path, environ)
    except InvalidInput as error:
        return None, list(error.findings)
    return config, [*config.warnings, *config.unknown_keys, *_folder_findings(config, str(path))]


def check_template_file(
    name: str, config: ConnectorConfig, environ: Mapping[str, str]
) -> tuple[LoadedTemplate | None, list[Finding]]:
    try:
        loaded = load_template(name, config, environ)
    except InvalidInput as error:
        return None, list(error.findings)
    source = template_source(name, config)
    policy = (replace(finding, file=source) for finding in check_template(loaded.template))
    return loaded, [*loaded.warnings, *loaded.unknown_keys, *policy]


def template_names(config: ConnectorConfig) -> list[str]:
    """Every `*.json` in TEMPLATESDIR, by name; none when the folder is missing (a finding of its own)."""
    folder = config.templates_dir
    return sorted(path.name for path in folder.glob("*.json")) if folder.is_dir() else []


def _folder_findings(config: ConnectorConfig, source: str) -> list[Finding]:
    """Templates must exist; job logs and logs must be writable (B-2.1, B-2.3)."""
    return [
        *_templates_dir(config.templates_dir, source),
        *_writable_dir("[GENERAL] JOBLOGDIR", config.joblog_dir, source),
        *_writable_dir("[GENERAL] LOGDIR", config.log_dir, source),
    ]


def _templates_dir(folder: Path, source: str) -> Iterator[Finding]:
    hint = f"point TEMPLATESDIR at the folder holding the templates; {RELATIVE}"
    if not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        yield Finding(TEMPLATESDIR, Severity.ERROR, f"{folder} {problem}", hint, source)
    elif not any(folder.glob("*.json")):
        yield Finding(TEMPLATESDIR, Severity.WARNING, f"{folder} holds no template (*.json)", hint, source)


def _writable_dir(where: str, folder: Path, source: str) -> Iterator[Finding]:
    existing = next(parent for parent in (folder, *folder.parents) if parent.exists())
    problem = _not_a_folder(existing) or _cannot_write_in(existing)
    if problem:
        verb = "written to" if existing == folder else "created"
        hint = f"point it at a folder this account can write to, or fix the permissions; {RELATIVE}"
        yield Finding(where, Severity.ERROR, f"{folder} cannot be {verb}: {problem}", hint, source)


def _not_a_folder(path: Path) -> str:
    return "" if path.is_dir() else f"{path} is a file"


def _cannot_write_in(folder: Path) -> str:
    try:
        with tempfile.TemporaryFile(dir=folder):
            return ""
    except OSError as error:
        return error.strerror or str(error)
