"""`summit-connector agent-down -a MACHINE -t T` (B-13.4): Notification Manager's machine trigger for an agent whose
connection is lost. One incident for the agent, which takes its jobs' failures; a second run updates it while it is
open. `agent-up` runs the same way (`run_agent_command`): validation, one line (or `--json`), one history event."""

import json
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TextIO

from summit_connector.application.errors import ConnectorError, InvalidInput
from summit_connector.application.report import ReportOutcome
from summit_connector.entrypoints.arguments import PROGRAM, ArgumentError, joined
from summit_connector.entrypoints.exit_codes import ExitCode, exit_code_for
from summit_connector.entrypoints.views.agent_lines import agent_line
from summit_connector.entrypoints.views.outcomes import as_json, warner

AgentCommand = Callable[[str], ReportOutcome]


def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    return run_agent_command(args, stdout, stderr, environ, lambda container: container.agent_down())


def run_agent_command(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str],
                      use_case: Callable[..., AgentCommand]) -> ExitCode:
    """`use_case(container)` is the agent command's use case."""
    from summit_connector.adapters.config.template_file import load_template
    from summit_connector.adapters.event_log import event_log
    from summit_connector.domain.grouping import names_agent
    from summit_connector.entrypoints.container import Container
    from summit_connector.entrypoints.loading import load_config

    agent = joined(args.agent)
    if not names_agent(agent):
        raise ArgumentError(f"-a/--agent: {args.command} needs the agent's name, got {agent!r}")
    config = load_config(args.config, environ)
    with event_log(config.log_dir, config.debug, warner(stderr)):
        try:
            loaded = load_template(joined(args.template), config, environ)
            outcome = use_case(Container(config=config, loaded_template=loaded, environ=environ))(agent)
        except InvalidInput as error:
            _remember(config, environ, None, args.command, agent, ExitCode.INVALID_INPUT, failure=error)
            raise
        except ConnectorError as failure:
            code = exit_code_for(failure)
            _remember(config, environ, warner(stderr), args.command, agent, code, failure=failure)
            print(f"{PROGRAM}: error: {failure}", file=stderr)
            return code
        _remember(config, environ, warner(stderr), args.command, agent, ExitCode.OK, outcome)
    for warning in outcome.warnings:
        warner(stderr)(warning)
    print(json.dumps(as_json(outcome)) if args.json else agent_line(agent, outcome), file=stdout)
    return ExitCode.OK


def _remember(config, environ: dict[str, str], warn: Callable[[str], None] | None, command: str, agent: str,
              code: ExitCode, outcome: ReportOutcome | None = None, failure: BaseException | None = None) -> None:
    """The run's log line and history event (B-8, B-10.3): no job, no schedule, no trigger; the agent is in the
    reason. History never costs the run (B-9.3)."""
    from summit_connector.adapters.event_log import LOGGER
    from summit_connector.application.run_history import history_event
    from summit_connector.domain.agent_outage import agent_event
    from summit_connector.entrypoints.container import Container

    container = Container(config=config, environ=environ)
    try:
        now = container.clock().now()
        event = history_event(command, agent_event(agent, now), now, code, outcome, failure)
        container.history().append(replace(event, trigger="", reason=f"agent {agent}: {event.reason}"))
    except ConnectorError as error:
        if warn is not None:
            warn(f"this run is not in history: {error}")
    said = f"{outcome.action.value} {outcome.ticket_number}".strip() if outcome else str(failure)
    logging.getLogger(LOGGER).info("%s %s: %s; exit %d", command, agent, said, code)
