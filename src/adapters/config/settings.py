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
class ServiceSettings:
    """`[SERVICE]` (B-14): the resident service's port (0: any free one), how long a handed-off run waits for its
    outcome, how many deliveries run at once, the intervals of its passes (0: off), how long in-flight deliveries
    may finish when it stops, and the file its metrics are also written to."""

    port: int = 0
    wait_seconds: float = 90.0
    concurrency: int = 4
    retry_seconds: float = 60.0
    sync_seconds: float = 300.0
    reconcile_seconds: float = 900.0
    stop_seconds: float = 30.0
    metrics_file: Path | None = None


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
    service: ServiceSettings = ServiceSettings()

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
