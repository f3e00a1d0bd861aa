"""`summit-connector explain`: the report flow as a dry run (B-7). It reads, decides and prints; it never sends.

OpCon is only asked to find the job (the GET lookups of B-4.2); Summit is never called, so a ticket's status
comes from `--ticket-status`. No log, job-log file or outbox row is written.
"""

import argparse
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, TextIO

from summit_connector.adapters.clock import NOW_VARIABLE, OverriddenClock, clock_from_environment
from summit_connector.adapters.config.settings import ConnectorConfig, LoadedTemplate, SummitConnection
from summit_connector.adapters.summit import create_envelope, masked, update_envelope
from summit_connector.application.errors import OpConError, OpConUnavailable
from summit_connector.domain.model import DailyJob, FailureEvent
from summit_connector.domain.plan import ReportPlan, plan_report
from summit_connector.entrypoints.arguments import PROGRAM, ArgumentError, failure_event
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.loading import load_settings

OFFLINE_HINT = "Add --offline (with --tags, --ticket, --documentation) to explain without OpCon."
OVERRIDE_FLAGS = {"tags": "--tags", "ticket": "--ticket", "documentation": "--documentation"}


class Lookup(StrEnum):
    FOUND = "found in OpCon"
    NOT_FOUND = "not found in OpCon"
    OFFLINE = "not asked (--offline)"


@dataclass(frozen=True)
class JobInput:
    """The job the plan sees; `sources` says where its tags, ticket and documentation came from."""

    lookup: Lookup
    job: DailyJob | None
    sources: dict[str, str] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()


@dataclass(frozen=True)
class SummitRequest:
    method: str
    url: str
    body: dict[str, Any]


@dataclass(frozen=True)
class Explanation:
    event: FailureEvent
    config: ConnectorConfig
    loaded: LoadedTemplate
    now: datetime
    now_source: str
    job_input: JobInput
    ticket_status: str | None
    plan: ReportPlan
    request: SummitRequest | None


def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    event = failure_event(args)
    config, loaded = load_settings(args.config, args.template, environ)
    now, now_source = read_clock(args.now, config, environ)
    try:
        job_input = find_job(args, event, config, loaded, environ)
    except (OpConUnavailable, OpConError) as error:
        print(f"{PROGRAM}: error: OpCon could not be asked for job {event.job}: {error}. {OFFLINE_HINT}", file=stderr)
        return ExitCode.NOT_DELIVERED
    from summit_connector.entrypoints.views.explain import show

    show(stdout, explain(event, config, loaded, now, now_source, job_input, args.ticket_status))
    return ExitCode.OK


def explain(
    event: FailureEvent,
    config: ConnectorConfig,
    loaded: LoadedTemplate,
    now: datetime,
    now_source: str,
    job_input: JobInput,
    ticket_status: str | None,
) -> Explanation:
    status = ticket_status.strip() if ticket_status and ticket_status.strip() else None
    plan = plan_report(event, job_input.job, status, loaded.template, config.report_policy(), now)
    return Explanation(event, config, loaded, now, now_source, job_input, status, plan, summit_request(plan, loaded))


def read_clock(flag: str | None, config: ConnectorConfig, environ: dict[str, str]) -> tuple[datetime, str]:
    """`--now`, else SUMMIT_CONNECTOR_NOW, else the system clock in TIMEZONE; read once."""
    if flag:
        try:
            return OverriddenClock(datetime.fromisoformat(flag.strip()), config.timezone).now(), "--now"
        except ValueError:
            raise ArgumentError(f"--now: must be an ISO-8601 local date-time, got {flag!r}") from None
    if environ.get(NOW_VARIABLE, "").strip():
        source = NOW_VARIABLE
    else:
        source = f"the system clock in {config.timezone or 'the machine time zone'}"
    return clock_from_environment(environ, config.timezone).now(), source


def find_job(
    args: argparse.Namespace, event: FailureEvent, config: ConnectorConfig, loaded: LoadedTemplate, environ: dict
) -> JobInput:
    """Offline, the flags are the job; online, they override what OpCon holds, unless OpCon has no such job."""
    given = [flag for name, flag in OVERRIDE_FLAGS.items() if getattr(args, name) is not None]
    if args.offline:
        job = overridden(DailyJob(event.job_key, 0, event.job), args)
        return JobInput(Lookup.OFFLINE, job, _sources(given, "no {flag} given"))
    job = _daily_jobs(config, loaded, environ).find(event)
    if job is None:
        return JobInput(Lookup.NOT_FOUND, None, ignored=tuple(given))
    return JobInput(Lookup.FOUND, overridden(job, args), _sources(given, "from OpCon"))


def _sources(given: list[str], otherwise: str) -> dict[str, str]:
    """Where each of tags, ticket and documentation came from; `otherwise` may name the `{flag}` not given."""
    return {
        name: f"from {flag}" if flag in given else otherwise.format(flag=flag) for name, flag in OVERRIDE_FLAGS.items()
    }


def overridden(job: DailyJob, args: argparse.Namespace) -> DailyJob:
    if args.tags is not None:
        job = replace(job, tags=tuple(tag.strip() for tag in args.tags.split(",") if tag.strip()))
    if args.ticket is not None:
        job = replace(job, incident_ticket_id=args.ticket.strip())
    if args.documentation is not None:
        job = replace(job, documentation=replace(job.documentation, text=args.documentation))
    return job


def summit_request(plan: ReportPlan, loaded: LoadedTemplate) -> SummitRequest | None:
    """The body `report` would POST, built by the Summit adapter itself, with the API key masked."""
    key, options = loaded.summit.api_key, loaded.template.summit
    if plan.incident is not None:
        body = create_envelope(plan.incident, key, options)
    elif plan.update is not None:
        body = update_envelope(plan.update, key, options)
    else:
        return None
    return SummitRequest("POST", incident_url(loaded.summit), masked(body))


def incident_url(connection: SummitConnection) -> str:
    path = connection.incident_path
    return path if "://" in path else f"{connection.base_url.rstrip('/')}/{path.lstrip('/')}"


def _daily_jobs(config: ConnectorConfig, loaded: LoadedTemplate, environ: dict[str, str]):
    from summit_connector.entrypoints.container import Container

    return Container(config=config, loaded_template=loaded, environ=environ).daily_jobs()
