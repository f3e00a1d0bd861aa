"""The composition root: every adapter of every command is chosen and wired here, and only here.

`Container(config=..., loaded_template=..., environ=...)` serves one template; `delivery_for` builds the Delivery
service over one container per template named by kept events. Tests and `explain` override ports:
`container.daily_jobs.override(InMemoryDailyJobs([...]))`.
"""

import time
from dataclasses import replace
from pathlib import Path

from dependency_injector import containers, providers

from summit_connector.adapters.clock import clock_from_environment
from summit_connector.adapters.config.settings import ConnectorConfig, LoadedTemplate
from summit_connector.adapters.file_locks import FileJobLocks
from summit_connector.adapters.http_logging import log_exchanges
from summit_connector.adapters.joblog_spool import SpoolingIncidents
from summit_connector.adapters.opcon import OpConDailyJobs, OpConJobLogs, make_opcon_client
from summit_connector.adapters.sqlite_outbox import SqliteOutbox
from summit_connector.adapters.summit import SummitIncidents, make_summit_client
from summit_connector.application.delivery import Delivery
from summit_connector.application.report import ReportFailure
from summit_connector.application.retry import (
    Retrier,
    RetryingDailyJobs,
    RetryingIncidents,
    RetryingJobLogs,
    RetryPolicy,
)

OUTBOX_FILE = "summit-connector-outbox.sqlite3"
LOCKS_FOLDER = "summit-connector-locks"
PROBE_TIMEOUT_SECONDS = 10.0


def outbox_path(config: ConnectorConfig) -> Path:
    """The outbox lives beside Connector.config (B-9)."""
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
    outbox = providers.Singleton(SqliteOutbox, providers.Callable(outbox_path, config))
    job_locks = providers.Singleton(FileJobLocks, providers.Callable(locks_path, config))

    report = providers.Factory(
        ReportFailure,
        daily_jobs=daily_jobs,
        incidents=incidents,
        job_logs=job_logs,
        clock=clock,
        template=loaded_template.provided.template,
        policy=config.provided.report_policy.call(),
    )


def delivery_for(config: ConnectorConfig, environ: dict[str, str], loaded: LoadedTemplate | None = None) -> Delivery:
    """One container per template, sharing the outbox, the locks and the clock. Kept events name their template;
    it is loaded when a replay needs it, each at most once."""
    from summit_connector.adapters.config.template_file import load_template

    containers_by_template: dict[str, Container] = {}
    if loaded is not None:
        containers_by_template[template_key(loaded)] = Container(config=config, loaded_template=loaded,
                                                                 environ=environ)

    def reports(name: str) -> ReportFailure:
        if name not in containers_by_template:
            template = load_template(name, config, environ)
            containers_by_template[name] = Container(config=config, loaded_template=template, environ=environ)
        return containers_by_template[name].report()

    shared = Container(config=config, environ=environ)
    return Delivery(reports, shared.outbox(), shared.job_locks(), shared.clock())


def template_key(loaded: LoadedTemplate) -> str:
    """What an outbox entry records: the template's absolute path, valid from any working directory."""
    return str(loaded.path.resolve())
