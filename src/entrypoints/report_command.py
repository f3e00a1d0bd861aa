"""`summit-connector report` (and bare vendor arguments): validate everything, then run the B-4 flow."""

import json
from pathlib import Path
from typing import TextIO

from summit_connector.application.errors import DeliveryFailed
from summit_connector.application.report import Action, ReportOutcome
from summit_connector.entrypoints.arguments import PROGRAM, failure_event
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.settings import load_settings

_VERBS = {Action.CREATED: "created", Action.UPDATED: "updated", Action.REOPENED: "reopened"}


def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    event = failure_event(args)
    config, template = load_settings(args.config, args.template, environ)
    from summit_connector.entrypoints.container import Container

    container = Container(config=config, loaded_template=template, environ=environ)
    container.clock()
    try:
        outcome = container.report()(event)
    except DeliveryFailed as failure:
        print(f"{PROGRAM}: error: {failure}", file=stderr)
        return ExitCode.NOT_DELIVERED
    for warning in outcome.warnings:
        print(f"{PROGRAM}: warning: {warning}", file=stderr)
    print(json.dumps(as_json(outcome)) if args.json else summary_line(outcome), file=stdout)
    return ExitCode.OK


def summary_line(outcome: ReportOutcome) -> str:
    event = outcome.event
    about = f"{event.job} ({event.schedule}, {event.schedule_date.isoformat()})"
    if outcome.action in _VERBS:
        url = f": {outcome.view_url}" if outcome.view_url else ""
        return f"Incident {outcome.ticket_number} {_VERBS[outcome.action]} for {about}{url}"
    return f"No incident for {about}: {outcome.reason}"


def as_json(outcome: ReportOutcome) -> dict[str, object]:
    return {
        "action": outcome.action.value,
        "ticket_number": outcome.ticket_number,
        "view_url": outcome.view_url,
        "previous_ticket": outcome.previous_ticket,
        "reason": outcome.reason,
        "warnings": list(outcome.warnings),
    }
