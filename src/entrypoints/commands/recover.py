"""`summit-connector recover`: a Notification Manager recovery trigger (B-11.2). It runs as `report` does, with the
same validation, replay of kept events, one line (or `--json`) and history event; Delivery routes the recovery."""

from typing import TextIO

from summit_connector.entrypoints.commands import report
from summit_connector.entrypoints.exit_codes import ExitCode


def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    return report.run(args, stdout, stderr, environ)
