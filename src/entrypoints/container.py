"""The composition root: every adapter of every command is chosen and wired here, and only here.

`bootstrap(config_file, environ)` builds the process's one `Container`. What depends on a template (its Summit
client and incidents, the report, recover and agent use cases) lives in a `TemplateScope`, one per template file,
built the first time a run names it (`container.templates().named(name)`) and kept for the life of the process; kept
events and journal entries name their own template. Tests override ports on the container:
`container.daily_jobs.override(InMemoryDailyJobs([...]))`, `container.templates().named(name).incidents.override(...)`.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from summit_connector.adapters.clock import FixedClock, clock_from_environment
from summit_connector.adapters.config.connector_file import load_connector_config
from summit_connector.adapters.config.settings import ConnectorConfig, LoadedTemplate
from summit_connector.adapters.config.template_file import load_template, template_path
from summit_connector.adapters.joblog_spool import SpoolingIncidents
from summit_connector.adapters.locks.job_locks import FileJobLocks
from summit_connector.adapters.locks.os_locks import LOCKS_FOLDER
from summit_connector.adapters.opcon import OpConDailyJobs, OpConJobActions, OpConJobLogs, make_opcon_client
from summit_connector.adapters.state.history import SqliteHistory
from summit_connector.adapters.state.journal import SqliteJournal
from summit_connector.adapters.state.outbox import SqliteOutbox
from summit_connector.adapters.state.silences import SqliteSilences
from summit_connector.adapters.state.store import STORE_FILE, SqliteStore
from summit_connector.adapters.summit import SummitIncidents, make_summit_client
from summit_connector.adapters.summit.times import SUMMIT_TIME_FORMATS
from summit_connector.adapters.transport.http_logging import log_exchanges
from summit_connector.application.adopt import Adopt
from summit_connector.application.agents import AgentDown, AgentUp
from summit_connector.application.delivery import Delivery, InFlight
from summit_connector.application.kept import KeptTraces
from summit_connector.application.ports import Incidents
from summit_connector.application.reconcile import Reconcile
from summit_connector.application.recover import RecoverJob
from summit_connector.application.report import ReportFailure
from summit_connector.application.settle import SettleUncertain
from summit_connector.application.retry import (
    Retrier,
    RetryingDailyJobs,
    RetryingIncidentList,
    RetryingIncidents,
    RetryingJobLogs,
    RetryPolicy,
)
from summit_connector.application.sync import Sync
from summit_connector.entrypoints.observer import RunObserver
from summit_connector.domain.template import SummitOptions, Template

if TYPE_CHECKING:
    from summit_connector.adapters.dry_run import JobOverrides
    from summit_connector.adapters.emulator import Emulator

OUTBOX_FILE = "summit-connector-outbox.sqlite3"
"""The outbox before the state store; moved into it on first use (B-10.1)."""
PROBE_TIMEOUT_SECONDS = 10.0


def store_path(config: ConnectorConfig) -> Path:
    """The state store lives beside Connector.config unless [GENERAL] STATEDIR moves it (B-10.1)."""
    return (config.state_dir or config.path.parent) / STORE_FILE


def legacy_outbox_path(config: ConnectorConfig) -> Path:
    return config.path.parent / OUTBOX_FILE


def locks_path(config: ConnectorConfig) -> Path:
    return config.path.parent / LOCKS_FOLDER


def template_key(loaded: LoadedTemplate) -> str:
    """What an outbox entry records: the template's absolute path, valid from any working directory."""
    return str(loaded.path.resolve())


def list_time_formats(options: SummitOptions) -> tuple[str, ...]:
    """The tenant's Logged_Time format first, when the template names one (B-15.2)."""
    return (options.logged_time_format, *SUMMIT_TIME_FORMATS) if options.logged_time_format else SUMMIT_TIME_FORMATS


def _capped(connection):
    """A probe waits HTTP_TIMEOUT, but never more than PROBE_TIMEOUT_SECONDS."""
    return replace(connection, timeout_seconds=min(connection.timeout_seconds, PROBE_TIMEOUT_SECONDS))


class TemplateScope(containers.DeclarativeContainer):
    """One template's side of the wiring: its Summit client and incidents, and the use cases that need it. The
    ports it shares with every template (OpCon, the state store, the locks, the clock) come from `process`."""

    process = providers.DependenciesContainer()
    loaded = providers.Dependency(instance_of=LoadedTemplate)

    key = providers.Callable(template_key, loaded)
    template = loaded.provided.template
    policy = process.config.provided.report_policy.call()
    secrets = providers.List(process.config.provided.opcon.token, loaded.provided.summit.api_key)
    summit_client = providers.Singleton(
        log_exchanges, providers.Callable(make_summit_client, loaded.provided.summit), process.config.provided.debug,
        secrets,
    )
    summit_probe_client = providers.Factory(make_summit_client, providers.Callable(_capped, loaded.provided.summit))
    summit_incidents = providers.Singleton(
        SummitIncidents, summit_client, loaded.provided.summit, loaded.provided.template.summit,
        providers.Callable(list_time_formats, loaded.provided.template.summit), process.config.provided.timezone,
    )
    incidents = providers.Singleton(
        SpoolingIncidents, providers.Singleton(RetryingIncidents, summit_incidents, process.retrier),
        process.config.provided.joblog_dir,
    )

    report = providers.Factory(
        ReportFailure, process.daily_jobs, incidents, process.job_logs, process.clock, template, policy,
        intents=process.journal, job_incidents=process.journal, groups=process.journal, silences=process.silences,
        template_key=key,
    )
    recover = providers.Factory(
        RecoverJob, process.daily_jobs, incidents, process.clock, template, job_incidents=process.journal,
        tracking=process.journal, template_key=key,
    )
    agent_down = providers.Factory(AgentDown, report, incidents, process.journal, process.journal, process.job_locks,
                                   process.clock, template, policy)
    agent_up = providers.Factory(AgentUp, incidents, process.journal, process.journal, process.job_locks,
                                 process.clock, template)
    settle = providers.Factory(SettleUncertain, providers.Singleton(RetryingIncidentList, summit_incidents,
                                                                    process.retrier),
                               process.daily_jobs, process.journal, process.adopt, process.clock, template, policy)


class TemplateScopes:
    """The process's template scopes, one per template file, each built the first time a run names the file (by
    `-t NAME` or by the absolute path a kept entry recorded) and kept while the file is unchanged: a service picks
    up an edited template at its next run, keeping its HTTP connections otherwise."""

    def __init__(self, config: ConnectorConfig, environ: dict[str, str], scope: Callable[..., TemplateScope]) -> None:
        self._config = config
        self._environ = environ
        self._scope = scope
        self._scopes: dict[Path, tuple[int, TemplateScope]] = {}
        self._lock = threading.Lock()

    def named(self, name: str) -> TemplateScope:
        """Raises InvalidInput, naming the file and field, when the template cannot be loaded."""
        path = template_path(name, self._config.templates_dir).resolve()
        with self._lock:
            written = _written_at(path)
            held = self._scopes.get(path)
            if held is None or held[0] != written:
                held = (written, self._scope(loaded=load_template(name, self._config, self._environ)))
                held[1].incidents()  # its clients are built here, under the lock: a service's threads share them
                self._scopes[path] = held
            return held[1]

    def report(self, name: str) -> ReportFailure:
        return self.named(name).report()

    def recover(self, name: str) -> RecoverJob:
        return self.named(name).recover()

    def settle(self, name: str) -> SettleUncertain:
        return self.named(name).settle()

    def summit(self, name: str) -> tuple[Incidents, Template]:
        scope = self.named(name)
        return scope.incidents(), scope.template()


def _written_at(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


class Container(containers.DeclarativeContainer):
    """The process's root: built once by `bootstrap`; every command's ports and use cases come from it."""

    __self__ = providers.Self()
    environ = providers.Dependency(instance_of=dict)
    config_file = providers.Dependency(instance_of=Path)

    config = providers.Singleton(load_connector_config, config_file, environ)
    clock = providers.Singleton(clock_from_environment, environ, config.provided.timezone)
    opcon_client = providers.Singleton(
        log_exchanges, providers.Callable(make_opcon_client, config.provided.opcon), config.provided.debug,
        providers.List(config.provided.opcon.token),
    )
    opcon_probe_client = providers.Factory(make_opcon_client, providers.Callable(_capped, config.provided.opcon))

    sleep = providers.Object(time.sleep)
    retrier = providers.Singleton(Retrier, providers.Object(RetryPolicy()), sleep)
    daily_jobs = providers.Singleton(RetryingDailyJobs, providers.Singleton(OpConDailyJobs, opcon_client), retrier)
    job_logs = providers.Singleton(RetryingJobLogs, providers.Singleton(OpConJobLogs, opcon_client), retrier)
    job_actions = providers.Singleton(OpConJobActions, opcon_client)

    store = providers.Singleton(
        SqliteStore, providers.Callable(store_path, config), providers.Callable(legacy_outbox_path, config)
    )
    outbox = providers.Singleton(SqliteOutbox, store)
    journal = providers.Singleton(SqliteJournal, store)
    history = providers.Singleton(SqliteHistory, store, config.provided.history_days)
    silences = providers.Singleton(SqliteSilences, store)
    job_locks = providers.Singleton(FileJobLocks, providers.Callable(locks_path, config))
    kept_traces = providers.Singleton(KeptTraces, outbox, journal)

    template_scope = providers.Factory(TemplateScope, process=__self__)
    templates = providers.Singleton(TemplateScopes, config, environ, template_scope.provider)

    in_flight = providers.Singleton(InFlight)
    observer = providers.Object(RunObserver())
    """What each acting run did, for the service's metrics and health (B-14.6); a run without a service tells no one."""
    delivery = providers.Singleton(Delivery, templates.provided.report, templates.provided.recover,
                                   templates.provided.settle, outbox, job_locks, clock, kept_traces, journal,
                                   in_flight)
    adopt = providers.Singleton(Adopt, templates.provided.report, outbox, job_locks, journal, journal)
    sync = providers.Singleton(Sync, journal, templates.provided.summit, job_actions, history, clock)
    reconcile = providers.Singleton(Reconcile, daily_jobs, history, delivery, clock)


def bootstrap(config_file: Path, environ: dict[str, str]) -> Container:
    """The process's composition root. Nothing is loaded or opened until a command asks for it: a Connector.config
    that cannot be read is an InvalidInput at the first `container.config()`."""
    return Container(config_file=config_file, environ=environ)


def for_explain(container: Container, template: str, overrides: "JobOverrides", offline: bool,
                ticket_status: str | None, now: datetime | None) -> TemplateScope:
    """`explain`'s ports: the job as OpCon holds it with the operator's overrides (or as given, offline), the
    ticket status as given (Summit is never asked), no job log, and the clock at `now` when given."""
    from summit_connector.adapters.dry_run import GivenDailyJobs, GivenTicketStatus
    from summit_connector.adapters.memory import InMemoryJobLogs

    if now is not None:
        container.clock.override(FixedClock(now, container.config().timezone))
    container.daily_jobs.override(GivenDailyJobs(None if offline else container.daily_jobs(), overrides))
    container.job_logs.override(InMemoryJobLogs())
    scope = container.templates().named(template)
    scope.incidents.override(GivenTicketStatus(ticket_status))
    return scope


def make_emulator() -> "Emulator":
    """The embedded OpCon + Summit emulator of `demo` and `sandbox`."""
    from summit_connector.adapters.emulator import Emulator

    return Emulator()
