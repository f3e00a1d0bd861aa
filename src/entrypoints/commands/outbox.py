"""`summit-connector outbox`: the failures kept for a later delivery, oldest first."""

from typing import TextIO

from summit_connector.application.ports import KeptState
from summit_connector.entrypoints.exit_codes import ExitCode


def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    from summit_connector.entrypoints.container import Container
    from summit_connector.entrypoints.loading import load_config
    from summit_connector.entrypoints.views.outbox import show

    config = load_config(args.config, environ)
    show(stdout, Container(config=config, environ=environ).outbox().pending(set(KeptState)))
    return ExitCode.OK
