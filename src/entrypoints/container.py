"""The composition root: every adapter is chosen and wired here, and only here."""

import time

from dependency_injector import containers, providers

from summit_connector.adapters.clock import clock_from_environment
from summit_connector.adapters.config.settings import ConnectorConfig, LoadedTemplate
from summit_connector.adapters.http_logging import log_exchanges
from summit_connector.adapters.joblog_spool import SpoolingIncidents
from summit_connector.adapters.opcon import OpConDailyJobs, OpConJobLogs, make_opcon_client
from summit_connector.adapters.file_locks import FileJobLocks
from summit_connector.adapters.sqlite_outbox import SqliteOutbox
from summit_connector.adapters.summit import SummitIncidents, make_summit_client
from summit_connector.application.report import ReportFailure
from summit_connector.application.retry import (
    Retrier,
    RetryingDailyJobs,
    RetryingIncidents,
    RetryingJobLogs,
    RetryPolicy,
)
from summit_connector.entrypoints.loading import locks_path, outbox_path


class Container(containers.DeclarativeContainer):
    """Tests override ports: `container.daily_jobs.override(InMemoryDailyJobs([...]))`."""

    config = providers.Dependency(instance_of=ConnectorConfig)
    loaded_template = providers.Dependency(instance_of=LoadedTemplate)
    environ = providers.Dependency(instance_of=dict)

    clock = providers.Singleton(clock_from_environment, environ, config.provided.timezone)
    secrets = providers.List(config.provided.opcon.token, loaded_template.provided.summit.api_key)
    opcon_client = providers.Singleton(
        log_exchanges,
        providers.Callable(make_opcon_client, config.provided.opcon),
        config.provided.debug,
        secrets,
    )
    summit_client = providers.Singleton(
        log_exchanges,
        providers.Callable(make_summit_client, loaded_template.provided.summit),
        config.provided.debug,
        secrets,
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
        settings=config.provided.report_policy.call(),
    )
