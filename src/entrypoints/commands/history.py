"""`summit-connector history`: what the runs did, newest first (B-10.3); and `record_run`, how a run adds its event.

Reading history adds no event. `--since` is a duration back from the clock (`90m`, `2h`, `7d`, `2w`) or a local
date or date-time (`2024-09-21`, `2024-09-21T03:00`).
"""

import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TextIO

from summit_connector.adapters.config.settings import ConnectorConfig
from summit_connector.application.errors import ConnectorError
from summit_connector.application.report import ReportOutcome
from summit_connector.application.run_history import history_event
from summit_connector.domain.model import FailureEvent
from summit_connector.entrypoints.arguments import ArgumentError, joined
from summit_connector.entrypoints.exit_codes import ExitCode

_DURATION = re.compile(r"(\d+)\s*([mhdw])")
Warn = Callable[[str], None]
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    from summit_connector.entrypoints.container import Container
    from summit_connector.entrypoints.loading import load_config
    from summit_connector.entrypoints.views.history import as_json, show

    container = Container(config=load_config(args.config, environ), environ=environ)
    since = parse_since(args.since, container.clock().now()) if args.since else None
    events = container.history().query(joined(args.job) or None, joined(args.schedule) or None, since, args.limit)
    if args.json:
        print(json.dumps(as_json(events)), file=stdout)
    else:
        show(stdout, events)
    return ExitCode.OK


def parse_since(text: str, now: datetime) -> datetime:
    duration = parse_duration(text)
    if duration is not None:
        return now - duration
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise ArgumentError(f"--since: expected a duration such as 2h or 7d, or a date such as 2024-09-21, "
                            f"got {text!r}") from None


def parse_duration(text: str) -> timedelta | None:
    """`90m`, `2h`, `7d`, `2w`; None when the text is not one."""
    duration = _DURATION.fullmatch(text.strip().lower())
    return timedelta(**{_UNITS[duration[2]]: int(duration[1])}) if duration else None


def record_run(config: ConnectorConfig, environ: dict[str, str], warn: Warn | None, command: str,
               event: FailureEvent, exit_code: int, outcome: ReportOutcome | None = None,
               failure: BaseException | None = None) -> None:
    """Appends the run's event (`application.run_history.history_event`) at the clock's time.

    History never costs the run (B-9.3): a store that cannot take it is one warning through `warn` (None: silent).
    """
    from summit_connector.entrypoints.container import Container

    container = Container(config=config, environ=environ)
    try:
        now = container.clock().now()
        container.history().append(history_event(command, event, now, exit_code, outcome, failure))
    except ConnectorError as error:
        if warn is not None:
            warn(f"this run is not in history: {error}")
