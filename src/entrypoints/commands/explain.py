"""`summit-connector explain`: the report flow's `plan` without its `apply` (B-7). It reads, decides and prints.

OpCon is only asked to find the job (the GET lookups of B-4.2); Summit is never called, so a ticket's status
comes from `--ticket-status`. No log, job-log file or outbox row is written.
"""

import json
from datetime import datetime
from typing import TextIO

from summit_connector.application.errors import DeliveryFailed
from summit_connector.entrypoints.arguments import PROGRAM, ArgumentError, failure_event
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.explanation import Explanation, Lookup, SummitRequest
from summit_connector.entrypoints.loading import load_config_and_template

OFFLINE_HINT = "Add --offline (with --tags, --ticket, --documentation) to explain without OpCon."
OVERRIDE_FLAGS = {"tags": "--tags", "ticket": "--ticket", "documentation": "--documentation"}
NEW_NUMBER = "<new ticket number>"


def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    from summit_connector.adapters.clock import NOW_VARIABLE, FixedClock
    from summit_connector.adapters.dry_run import GivenDailyJobs, GivenTicketStatus, JobOverrides
    from summit_connector.adapters.memory import InMemoryJobLogs
    from summit_connector.entrypoints.container import Container

    event = failure_event(args)
    config, loaded = load_config_and_template(args.config, args.template, environ)
    container = Container(config=config, loaded_template=loaded, environ=environ)
    now_source = _now_source(args.now, config.timezone, environ.get(NOW_VARIABLE, "").strip())
    if args.now:
        container.clock.override(FixedClock(_parsed_now(args.now), config.timezone))
    overrides = JobOverrides(_tags(args.tags), _stripped(args.ticket), args.documentation)
    container.daily_jobs.override(GivenDailyJobs(None if args.offline else container.daily_jobs(), overrides))
    status = _stripped(args.ticket_status) or None
    container.incidents.override(GivenTicketStatus(status))
    container.job_logs.override(InMemoryJobLogs())
    try:
        decision = container.report().plan(event)
    except DeliveryFailed as failure:
        print(f"{PROGRAM}: error: {failure}. {OFFLINE_HINT}", file=stderr)
        return ExitCode.NOT_DELIVERED
    explanation = _explanation(args, decision, loaded, config, now_source, status)
    if args.json:
        from summit_connector.entrypoints.views.explain_json import as_json

        print(json.dumps(as_json(explanation), indent=2, ensure_ascii=False), file=stdout)
    else:
        from summit_connector.entrypoints.views.explain import show

        show(stdout, explanation)
    return ExitCode.OK


def _explanation(args, decision, loaded, config, now_source: str, status: str | None) -> Explanation:
    from summit_connector.domain.incident import view_url
    from summit_connector.domain.template import TagIndicator

    given = [flag for name, flag in OVERRIDE_FLAGS.items() if getattr(args, name) is not None]
    lookup = Lookup.OFFLINE if args.offline else Lookup.FOUND if decision.job else Lookup.NOT_FOUND
    otherwise = "no {flag} given" if args.offline else "from OpCon"
    sources = {name: f"from {flag}" if flag in given else otherwise.format(flag=flag)
               for name, flag in OVERRIDE_FLAGS.items()}
    template = loaded.template
    return Explanation(
        decision, str(loaded.path), now_source, lookup, summit_request(decision, loaded), status, sources,
        ignored=tuple(given) if lookup is Lookup.NOT_FOUND else (),
        warnings=tuple(warning.line() for warning in (*config.warnings, *loaded.warnings)),
        exit_values=tuple(r.indicator_value for r in template.tags if r.indicator == TagIndicator.EXIT),
        reopen_status=template.summit.reopen_status, new_ticket_url=view_url(template, NEW_NUMBER),
    )


def summit_request(decision, loaded) -> SummitRequest | None:
    """The body `report` would POST, built by the Summit adapter itself, with the API key masked."""
    from summit_connector.adapters.redaction import masked
    from summit_connector.adapters.summit import create_envelope, update_envelope

    key, options = loaded.summit.api_key, loaded.template.summit
    if decision.incident is not None:
        body = create_envelope(decision.incident, key, options)
    elif decision.update is not None:
        body = update_envelope(decision.update, key, options)
    else:
        return None
    path = loaded.summit.incident_path
    url = path if "://" in path else f"{loaded.summit.base_url.rstrip('/')}/{path.lstrip('/')}"
    return SummitRequest("POST", url, masked(body))


def _now_source(flag: str | None, timezone: str | None, environment_now: str) -> str:
    if flag:
        return "--now"
    if environment_now:
        return "SUMMIT_CONNECTOR_NOW"
    return f"the system clock in {timezone or 'the machine time zone'}"


def _parsed_now(flag: str) -> datetime:
    try:
        return datetime.fromisoformat(flag.strip())
    except ValueError:
        raise ArgumentError(f"--now: must be an ISO-8601 local date-time, got {flag!r}") from None


def _tags(flag: str | None) -> tuple[str, ...] | None:
    return None if flag is None else tuple(tag.strip() for tag in flag.split(",") if tag.strip())


def _stripped(flag: str | None) -> str | None:
    return None if flag is None else flag.strip()
