"""`summit-connector sync [--once] [--interval SECONDS]`: Summit's status back to OpCon (B-12)."""

import time
from collections.abc import Callable

from summit_connector.application.errors import ConnectorError
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.invocation import Invocation
from summit_connector.entrypoints.run import Run, acting
from summit_connector.entrypoints.views.sync import show


def run(invocation: Invocation, sleep: Callable[[float], None] = time.sleep) -> ExitCode:
    """`--once`: 0 when every action succeeded or ended tracking, 1 when some wait for the next pass (B-12.2).
    Otherwise a pass every `--interval` seconds until interrupted; Ctrl-C ends it with 0."""
    args = invocation.args
    if args.once:
        return acting(invocation, "sync", None, _once)
    return acting(invocation, "sync", None, lambda run: _repeated(run, args.interval, sleep))


def _once(run: Run) -> ExitCode:
    results = run.root.sync()()
    show(results, run.invocation.stdout, run.invocation.stderr)
    return ExitCode.INCOMPLETE if any(result.incomplete for result in results) else ExitCode.OK


def _repeated(run: Run, interval: float, sleep: Callable[[float], None]) -> ExitCode:
    try:
        while True:
            _pass(run)
            sleep(interval)
    except KeyboardInterrupt:
        print("summit-connector: sync stopped", file=run.invocation.stderr)
        return ExitCode.OK


def _pass(run: Run) -> None:
    """A pass that cannot read the journal costs one line; the next pass tries again."""
    try:
        show(run.root.sync()(), run.invocation.stdout, run.invocation.stderr)
    except ConnectorError as error:
        print(f"summit-connector: sync pass failed: {error}", file=run.invocation.stderr)
