"""`summit-connector agent-up -a MACHINE -t T` (B-13.4): the agent is reachable again. Its incident is annotated (or
resolved, per the template's `recovery` block) and takes no more failures. It runs as `agent-down` does."""

from typing import TextIO

from summit_connector.entrypoints.commands.agent_down import run_agent_command
from summit_connector.entrypoints.exit_codes import ExitCode


def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    return run_agent_command(args, stdout, stderr, environ, lambda container: container.agent_up())
