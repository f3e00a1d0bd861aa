"""`summit-connector sync [--once] [--interval SECONDS]`: Summit's status back to OpCon (B-12)."""

import time
from collections.abc import Callable
from typing import TextIO

from summit_connector.application.errors import ConnectorError
from summit_connector.application.sync import Sync
from summit_connector.entrypoints.arguments import PROGRAM
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.views.sync import show


def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str],
        sleep: Callable[[float], None] = time.sleep) -> ExitCode:
    """`--once`: 0 when every action succeeded or ended tracking, 1 when some wait for the next pass (B-12.2).
    Otherwise a pass every `--interval` seconds until interrupted; Ctrl-C ends it with 0."""
    from summit_connector.entrypoints.container import sync_for
    from summit_connector.entrypoints.loading import load_config

    sync = sync_for(load_config(args.config, environ), environ)
    if args.once:
        results = sync()
        show(results, stdout, stderr)
        return ExitCode.INCOMPLETE if any(result.incomplete for result in results) else ExitCode.OK
    try:
        while True:
            _pass(sync, stdout, stderr)
            sleep(args.interval)
    except KeyboardInterrupt:
        print(f"{PROGRAM}: sync stopped", file=stderr)
        return ExitCode.OK


def _pass(sync: Sync, stdout: TextIO, stderr: TextIO) -> None:
    """A pass that cannot read the journal costs one line; the next pass tries again."""
    try:
        show(sync(), stdout, stderr)
    except ConnectorError as error:
        print(f"{PROGRAM}: sync pass failed: {error}", file=stderr)
