"""`summit-connector report` (and bare vendor arguments): validate everything, then run the B-4 flow."""

import json
from functools import partial
from typing import TextIO

from summit_connector.adapters.config.connector_config import load_connector_config
from summit_connector.adapters.config.settings import ConnectorConfig, LoadedTemplate
from summit_connector.adapters.config.template_file import load_template
from summit_connector.adapters.event_log import event_log, log_failure, log_outcome
from summit_connector.application.errors import DeliveryFailed, InvalidInput
from summit_connector.application.report import Action, ReportOutcome
from summit_connector.domain.model import FailureEvent
from summit_connector.entrypoints.arguments import PROGRAM, failure_event, joined
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.settings import config_path

_VERBS = {Action.CREATED: "created", Action.UPDATED: "updated", Action.REOPENED: "reopened"}


def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    event = failure_event(args)
    config = load_connector_config(config_path(args.config, environ), environ)
    with event_log(config.log_dir, config.debug, partial(_warn, stderr)):
        try:
            outcome = _report(event, config, load_template(joined(args.template), config, environ), environ)
        except InvalidInput as error:
            log_failure(event, str(error), ExitCode.INVALID_INPUT)
            raise
        except DeliveryFailed as failure:
            log_failure(event, str(failure), ExitCode.NOT_DELIVERED)
            print(f"{PROGRAM}: error: {failure}", file=stderr)
            return ExitCode.NOT_DELIVERED
        log_outcome(outcome, ExitCode.OK)
    for warning in outcome.warnings:
        _warn(stderr, warning)
    print(json.dumps(as_json(outcome)) if args.json else summary_line(outcome), file=stdout)
    return ExitCode.OK


def _report(event: FailureEvent, config: ConnectorConfig, template: LoadedTemplate, environ: dict[str, str]):
    from summit_connector.entrypoints.container import Container

    container = Container(config=config, loaded_template=template, environ=environ)
    container.clock()
    return container.report()(event)


def _warn(stderr: TextIO, warning: str) -> None:
    print(f"{PROGRAM}: warning: {warning}", file=stderr)


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
