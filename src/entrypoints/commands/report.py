"""`summit-connector report` (and bare vendor arguments) and `recover`: validate everything, replay what was kept,
deliver the event (a recovery goes to the recover use case, B-11.2)."""

import json
from typing import TextIO

from summit_connector.adapters.config.template_file import load_template
from summit_connector.adapters.event_log import event_log, log_failure, log_outcome
from summit_connector.application.delivery import Delivery
from summit_connector.application.errors import ConnectorError, InvalidInput, described
from summit_connector.entrypoints.arguments import PROGRAM, failure_event, joined
from summit_connector.entrypoints.loading import load_config
from summit_connector.entrypoints.exit_codes import ExitCode, exit_code_for
from summit_connector.entrypoints.commands.history import record_run
from summit_connector.entrypoints.commands.retry import tell_replays
from summit_connector.entrypoints.views.outcomes import as_json, summary_line, warner

def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    from summit_connector.entrypoints.container import delivery_for, template_key

    event = failure_event(args)
    config = load_config(args.config, environ)
    with event_log(config.log_dir, config.debug, warner(stderr)):
        try:
            template = load_template(joined(args.template), config, environ)
            delivery = delivery_for(config, environ, template)
            replay_kept(delivery, stderr)
            outcome = delivery.report(event, template_key(template))
        except InvalidInput as error:
            log_failure(event, str(error), ExitCode.INVALID_INPUT)
            record_run(config, environ, None, args.command, event, ExitCode.INVALID_INPUT, failure=error)
            raise
        except ConnectorError as failure:
            code = exit_code_for(failure)
            record_run(config, environ, warner(stderr), args.command, event, code, failure=failure)
            return _failed(event, failure, code, stderr)
        log_outcome(outcome, ExitCode.OK)
        record_run(config, environ, warner(stderr), args.command, event, ExitCode.OK, outcome=outcome)
    for warning in outcome.warnings:
        warner(stderr)(warning)
    print(json.dumps(as_json(outcome)) if args.json else summary_line(outcome), file=stdout)
    return ExitCode.OK


def replay_kept(delivery: Delivery, stderr: TextIO) -> None:
    """Failures kept by earlier runs go first, oldest first (B-9); their results are told on stderr."""
    try:
        replays = delivery.replay()
    except Exception as error:  # noqa: BLE001 - the new failure goes on whatever happened to the old ones
        warner(stderr)(f"kept failures were not replayed: {described(error)}")
        return
    tell_replays(replays, stderr, stderr)


def _failed(event, failure: ConnectorError, code: ExitCode, stderr: TextIO) -> ExitCode:
    log_failure(event, str(failure), code)
    print(f"{PROGRAM}: error: {failure}", file=stderr)
    return code

