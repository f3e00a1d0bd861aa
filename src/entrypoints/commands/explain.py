"""`summit-connector explain`: the report flow's `plan` without its `apply` (B-7), or the recover flow's for a
recovery trigger (B-11.2). It reads, decides and prints.

OpCon is only asked to find the job (the GET lookups of B-4.2); Summit is never called, so a ticket's status
comes from `--ticket-status`. No log, job-log file or outbox row is written.
"""

import json
from datetime import datetime
from typing import TextIO

from summit_connector.application.errors import DeliveryFailed
from summit_connector.domain.decision import Action
from summit_connector.entrypoints.arguments import ArgumentError, failure_event, joined
from summit_connector.entrypoints.exit_codes import ExitCode, exit_code_for
from summit_connector.entrypoints.explanation import Explanation, Lookup, RecoveryExplanation, SummitRequest
from summit_connector.entrypoints.invocation import Invocation

OFFLINE_HINT = "Add --offline (with --tags, --ticket, --documentation) to explain without OpCon."
OVERRIDE_FLAGS = {"tags": "--tags", "ticket": "--ticket", "documentation": "--documentation"}
NEW_NUMBER = "<new ticket number>"


def run(invocation: Invocation) -> ExitCode:
    from summit_connector.adapters.clock import NOW_VARIABLE
    from summit_connector.adapters.dry_run import JobOverrides
    from summit_connector.entrypoints.container import for_explain

    args, stdout, root = invocation.args, invocation.stdout, invocation.root()
    event = failure_event(args)
    config = root.config()
    now_source = _now_source(args.now, config.timezone, invocation.environ.get(NOW_VARIABLE, "").strip())
    overrides = JobOverrides(_tags(args.tags), _stripped(args.ticket), args.documentation)
    status = _stripped(args.ticket_status) or None
    now = _parsed_now(args.now) if args.now else None
    scope = for_explain(root, joined(args.template), overrides, args.offline, status, now)
    loaded = scope.loaded()
    kept = root.kept_traces().for_job(event.job_key)
    use_case = scope.recover() if event.trigger.is_recovery else scope.report()
    try:
        decision = use_case.plan(event, kept=kept)
    except DeliveryFailed as failure:
        invocation.error(f"{failure}. {OFFLINE_HINT}")
        return exit_code_for(failure)
    if event.trigger.is_recovery:
        _show_recovery(args, _recovery_explanation(args, decision, loaded, config, now_source, status), stdout)
    else:
        _show(args, _explanation(args, decision, loaded, config, now_source, status), stdout)
    return ExitCode.OK


def _show(args, explanation: Explanation, stdout: TextIO) -> None:
    if args.json:
        from summit_connector.entrypoints.views.explain_json import as_json

        print(json.dumps(as_json(explanation), indent=2, ensure_ascii=False), file=stdout)
    else:
        from summit_connector.entrypoints.views.explain import show

        show(stdout, explanation)


def _show_recovery(args, explanation: RecoveryExplanation, stdout: TextIO) -> None:
    if args.json:
        from summit_connector.entrypoints.views.explain_json import recovery_as_json

        print(json.dumps(recovery_as_json(explanation), indent=2, ensure_ascii=False), file=stdout)
    else:
        from summit_connector.entrypoints.views.explain_recovery import show_recovery

        show_recovery(stdout, explanation)


def _explanation(args, decision, loaded, config, now_source: str, status: str | None) -> Explanation:
    from summit_connector.domain.incident import view_url

    lookup, sources, ignored = _inputs(args, decision.job)
    return Explanation(
        decision, str(loaded.path), now_source, lookup, summit_request(decision, loaded), status, sources,
        ignored=ignored, warnings=tuple(warning.line() for warning in (*config.warnings, *loaded.warnings)),
        new_ticket_url=view_url(loaded.template,
                                decision.ticket_number if decision.action is Action.GROUPED else NEW_NUMBER),
    )


def _recovery_explanation(args, decision, loaded, config, now_source: str, status: str | None
                          ) -> RecoveryExplanation:
    from summit_connector.adapters.summit import incident_url, masked, update_envelope

    lookup, sources, ignored = _inputs(args, decision.job)
    key, options = loaded.summit.api_key, loaded.template.summit
    requests = tuple(SummitRequest("POST", incident_url(loaded.summit), masked(update_envelope(step, key, options)))
                     for step in decision.steps)
    return RecoveryExplanation(
        decision, str(loaded.path), now_source, lookup, requests, status, sources, ignored,
        warnings=tuple(warning.line() for warning in (*config.warnings, *loaded.warnings)),
    )


def _inputs(args, job) -> tuple[Lookup, dict[str, str], tuple[str, ...]]:
    """How the job was looked up, where its tags, ticket and documentation came from, and the flags ignored."""
    given = [flag for name, flag in OVERRIDE_FLAGS.items() if getattr(args, name) is not None]
    lookup = Lookup.OFFLINE if args.offline else Lookup.FOUND if job else Lookup.NOT_FOUND
    otherwise = "no {flag} given" if args.offline else "from OpCon"
    sources = {name: f"from {flag}" if flag in given else otherwise.format(flag=flag)
               for name, flag in OVERRIDE_FLAGS.items()}
    return lookup, sources, tuple(given) if lookup is Lookup.NOT_FOUND else ()


def summit_request(decision, loaded) -> SummitRequest | None:
    """The body `report` would POST, built by the Summit adapter itself, with the API key masked."""
    from summit_connector.adapters.summit import create_envelope, incident_url, masked, update_envelope

    key, options = loaded.summit.api_key, loaded.template.summit
    if decision.incident is not None:
        body = create_envelope(decision.incident, key, options)
    elif decision.update is not None:
        body = update_envelope(decision.update, key, options)
    else:
        return None
    return SummitRequest("POST", incident_url(loaded.summit), masked(body))


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
