"""`summit-connector check [-t T] [--online] [--strict]` (B-7): see `entrypoints.checking`."""

from summit_connector.entrypoints.checking import run_check
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.invocation import Invocation


def run(invocation: Invocation) -> ExitCode:
    return run_check(invocation)
