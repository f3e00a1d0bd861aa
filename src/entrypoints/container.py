"""The composition root: every adapter of every command is chosen and wired here, and only here.

`Container(config=..., loaded_template=..., environ=...)` serves one template; `delivery_for` builds the Delivery
service over one container per template named by kept events, `sync_for` the Sync service likewise for journal
entries. Tests and `explain` override ports:
`container.daily_jobs.override(InMemoryDailyJobs([...]))`.
"""

import time
from dataclasses import replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from summit_connector.adapters.clock import FixedClock, clock_from_environment
from summit_connector.adapters.config.settings import ConnectorConfig, LoadedTemplate
from summit_connector.adapters.locks.job_locks import FileJobLocks
from summit_connector.adapters.locks.os_locks import LOCKS_FOLDER
from summit_connector.adapters.transport.http_logging import log_exchanges
from summit_connector.adapters.joblog_spool import SpoolingIncidents
from summit_connector.adapters.opcon import OpConDailyJobs, OpConJobActions, OpConJobLogs, make_opcon_client
from summit_connector.adapters.state.history import SqliteHistory
from summit_connector.adapters.state.journal import SqliteJournal
from summit_connector.adapters.state.outbox import SqliteOutbox
from summit_connector.adapters.state.silences import SqliteSilences
from summit_connector.adapters.state.store import STORE_FILE, SqliteStore
from summit_connector.adapters.summit import SummitIncidents, make_summit_client
from summit_connector.application.adopt import Adopt
from summit_connector.application.agents import AgentDown, AgentUp
from summit_connector.application.delivery import Delivery
from summit_connector.application.kept import KeptTraces
from summit_connector.application.recover import RecoverJob
from summit_connector.application.report import ReportFailure
from summit_connector.application.sync import Sync
from summit_connector.application.retry import (
    Retrier,
    RetryingDailyJobs,
    RetryingIncidents,
    RetryingJobLogs,
    RetryPolicy,
)

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


def _capped(connection):
    """A probe waits HTTP_TIMEOUT, but never more than PROBE_TIMEOUT_SECONDS."""
    return replace(connection, timeout_seconds=min(connection.timeout_seconds, PROBE_TIMEOUT_SECONDS))


class Container(containers.DeclarativeContainer):
    config = providers.Dependency(instance_of=ConnectorConfig)
    loaded_template = providers.Dependency(instance_of=LoadedTemplate)
    environ = providers.Dependency(instance_of=dict)

    clock = providers.Singleton(clock_from_environment, environ, config.provided.timezone)
    secrets = providers.List(config.provided.opcon.token, loaded_template.provided.summit.api_key)
    opcon_client = providers.Singleton(
        log_exchanges, providers.Callable(make_opcon_client, config.provided.opcon), config.provided.debug, secrets,
    )
    summit_client = providers.Singleton(
        log_exchanges, providers.Callable(make_summit_client, loaded_template.provided.summit),
        config.provided.debug, secrets,
    )
    opcon_probe_client = providers.Factory(make_opcon_client, providers.Callable(_capped, config.provided.opcon))
    summit_probe_client = providers.Factory(
        make_summit_client, providers.Callable(_capped, loaded_template.provided.summit)
    )

    sleep = providers.Object(time.sleep)
    retrier = providers.Singleton(Retrier, providers.Object(RetryPolicy()), sleep)
    daily_jobs = providers.Singleton(RetryingDailyJobs, providers.Singleton(OpConDailyJobs, opcon_client), retrier)
    job_logs = providers.Singleton(RetryingJobLogs, providers.Singleton(OpConJobLogs, opcon_client), retrier)
    summit_incidents = providers.Singleton(
        SummitIncidents, summit_client, loaded_template.provided.summit, loaded_template.provided.template.summit
    )
    incidents = providers.Singleton(
        SpoolingIncidents, providers.Singleton(RetryingIncidents, summit_incidents, retrier), config.provided.joblog_dir
    )
    store = providers.Singleton(
        SqliteStore, providers.Callable(store_path, config), providers.Callable(legacy_outbox_path, config)
    )
    outbox = providers.Singleton(SqliteOutbox, store)
    journal = providers.Singleton(SqliteJournal, store)
    history = providers.Singleton(SqliteHistory, store, config.provided.history_days)
    silences = providers.Singleton(SqliteSilences, store)
    job_locks = providers.Singleton(FileJobLocks, providers.Callable(locks_path, config))
    job_actions = providers.Singleton(  # needs no template: `sync` serves every template from one container
        OpConJobActions,
        providers.Singleton(log_exchanges, providers.Callable(make_opcon_client, config.provided.opcon),
                            config.provided.debug, providers.List(config.provided.opcon.token)),
    )

    report = providers.Factory(
        ReportFailure,
        daily_jobs=daily_jobs,
        incidents=incidents,
        job_logs=job_logs,
        clock=clock,
        template=loaded_template.provided.template,
        policy=config.provided.report_policy.call(),
        journal=journal,
        template_key=providers.Callable(lambda loaded: template_key(loaded), loaded_template),
        silences=silences,
    )
    kept_traces = providers.Factory(KeptTraces, outbox, journal)
    recover = providers.Factory(
        RecoverJob,
        daily_jobs=daily_jobs,
        incidents=incidents,
        clock=clock,
        template=loaded_template.provided.template,
        journal=journal,
        template_key=providers.Callable(lambda loaded: template_key(loaded), loaded_template),
    )
    agent_down = providers.Factory(
        AgentDown, report=report, incidents=incidents, journal=journal, locks=job_locks, clock=clock,
        template=loaded_template.provided.template, policy=config.provided.report_policy.call(),
    )
    agent_up = providers.Factory(
        AgentUp, incidents=incidents, journal=journal, locks=job_locks, clock=clock,
        template=loaded_template.provided.template,
    )


def delivery_for(config: ConnectorConfig, environ: dict[str, str], loaded: LoadedTemplate | None = None) -> Delivery:
    """One container per template, sharing the outbox, the locks and the clock. Kept events name their template;
    it is loaded when a replay needs it, each at most once."""
    from summit_connector.adapters.config.template_file import load_template

    containers_by_template: dict[str, Container] = {}
    if loaded is not None:
        containers_by_template[template_key(loaded)] = Container(config=config, loaded_template=loaded,
                                                                 environ=environ)

    def container_for(name: str) -> Container:
        if name not in containers_by_template:
            template = load_template(name, config, environ)
            containers_by_template[name] = Container(config=config, loaded_template=template, environ=environ)
        return containers_by_template[name]

    shared = Container(config=config, environ=environ)
    return Delivery(lambda name: container_for(name).report(), shared.outbox(), shared.job_locks(), shared.clock(),
                    shared.journal(), lambda name: container_for(name).recover())


def adopt_for(config: ConnectorConfig, environ: dict[str, str]) -> Adopt:
    """`retry --uncertain --adopt` (B-9.2) over the shared outbox, locks and journal; the entry's template is
    loaded when the adoption needs it."""
    from summit_connector.adapters.config.template_file import load_template

    shared = Container(config=config, environ=environ)
    return Adopt(lambda name: Container(config=config, loaded_template=load_template(name, config, environ),
                                        environ=environ).report(),
                 shared.outbox(), shared.job_locks(), shared.journal())


def sync_for(config: ConnectorConfig, environ: dict[str, str]) -> Sync:
    """`sync` (B-12) over the shared journal, history and job actions; each journal entry names its template,
    whose container (Summit incidents, sync policy) is built the first time an entry needs it."""
    from summit_connector.adapters.config.template_file import load_template

    @cache
    def container_for(name: str) -> Container:
        return Container(config=config, loaded_template=load_template(name, config, environ), environ=environ)

    def summit_for(name: str):
        container = container_for(name)
        return container.incidents(), container.loaded_template().template

    shared = Container(config=config, environ=environ)
    return Sync(shared.journal(), summit_for, shared.job_actions(), shared.history(), shared.clock())


def dry_run_container(config: ConnectorConfig, loaded: LoadedTemplate, environ: dict[str, str],
                      overrides: "JobOverrides", offline: bool, ticket_status: str | None,
                      now: datetime | None) -> Container:
    """`explain`'s container: the job as OpCon holds it with the operator's overrides (or as given, offline), the
    ticket status as given (Summit is never asked), no job log, and the clock at `now` when given."""
    from summit_connector.adapters.dry_run import GivenDailyJobs, GivenTicketStatus
    from summit_connector.adapters.memory import InMemoryJobLogs

    container = Container(config=config, loaded_template=loaded, environ=environ)
    if now is not None:
        container.clock.override(FixedClock(now, config.timezone))
    container.daily_jobs.override(GivenDailyJobs(None if offline else container.daily_jobs(), overrides))
    container.incidents.override(GivenTicketStatus(ticket_status))
    container.job_logs.override(InMemoryJobLogs())
    return container


def make_emulator() -> "Emulator":
    """The embedded OpCon + Summit emulator of `demo` and `sandbox`."""
    from summit_connector.adapters.emulator import Emulator

    return Emulator()


def template_key(loaded: LoadedTemplate) -> str:
    """What an outbox entry records: the template's absolute path, valid from any working directory."""
    return str(loaded.path.resolve())
