"""Validated settings as plain values: what the loaders produce and the HTTP adapters and container consume.

`warnings` are what a run may mention (plain http, a plain-text secret); `unknown_keys` only `check` reports.
"""

from dataclasses import dataclass
from pathlib import Path

from summit_connector.adapters.opcon.http import OpConConnection
from summit_connector.adapters.summit.http import SummitConnection
from summit_connector.adapters.transport.timeouts import DEFAULT_HTTP_TIMEOUT
from summit_connector.domain.findings import Finding
from summit_connector.domain.template import (
    DEFAULT_MAX_JOBLOG_BYTES,
    VENDOR_DEFAULTS,
    Attribute,
    ReportPolicy,
    Template,
)

DEFAULT_HISTORY_DAYS = 90


@dataclass(frozen=True)
class ConnectorConfig:
    """Connector.config after defaults (B-2.2) and our additions (B-2.3); directories are absolute."""

    path: Path
    opcon: OpConConnection
    joblog_dir: Path
    templates_dir: Path
    log_dir: Path
    daily_start_hour: int = 0
    debug: bool = False
    timezone: str | None = None
    http_timeout_seconds: float = DEFAULT_HTTP_TIMEOUT
    max_joblog_bytes: int = DEFAULT_MAX_JOBLOG_BYTES
    proxy_url: str | None = None
    defaults: tuple[Attribute, ...] = VENDOR_DEFAULTS
    warnings: tuple[Finding, ...] = ()
    unknown_keys: tuple[Finding, ...] = ()
    state_dir: Path | None = None
    """Where the state store lives (B-10.1); None: beside Connector.config."""
    history_days: int = DEFAULT_HISTORY_DAYS

    def report_policy(self) -> ReportPolicy:
        return ReportPolicy(self.defaults, self.daily_start_hour, self.max_joblog_bytes)


@dataclass(frozen=True)
class LoadedTemplate:
    """A template file: the domain policy, the Summit connection, and what `check` may report about it."""

    path: Path
    template: Template
    summit: SummitConnection
    unknown_keys: tuple[Finding, ...] = ()
    warnings: tuple[Finding, ...] = ()
