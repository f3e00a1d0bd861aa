"""The folders Connector.config names (B-2.1, B-2.3): templates must exist; job logs and logs must be writable.

Checked without leaving anything behind: a missing folder is not created, only its nearest parent is tried.
"""

import tempfile
from collections.abc import Iterator
from pathlib import Path

from summit_connector.adapters.config.settings import ConnectorConfig
from summit_connector.domain.findings import Finding, Severity

TEMPLATESDIR = "[GENERAL] TEMPLATESDIR"
_RELATIVE = "a relative path is relative to the folder holding Connector.config"


def directory_findings(config: ConnectorConfig, source: str) -> list[Finding]:
    return [
        *_templates_dir(config.templates_dir, source),
        *_writable_dir("[GENERAL] JOBLOGDIR", config.joblog_dir, source),
        *_writable_dir("[GENERAL] LOGDIR", config.log_dir, source),
    ]


def _templates_dir(folder: Path, source: str) -> Iterator[Finding]:
    hint = f"point TEMPLATESDIR at the folder holding the templates; {_RELATIVE}"
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
        hint = f"point it at a folder this account can write to, or fix the permissions; {_RELATIVE}"
        yield Finding(where, Severity.ERROR, f"{folder} cannot be {verb}: {problem}", hint, source)


def _not_a_folder(path: Path) -> str:
    return "" if path.is_dir() else f"{path} is a file"


def _cannot_write_in(folder: Path) -> str:
    try:
        with tempfile.TemporaryFile(dir=folder):
            return ""
    except OSError as error:
        return error.strerror or str(error)
