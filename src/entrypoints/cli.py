"""`summit-connector`: `main(argv, stdout, stderr, environ) -> ExitCode`; heavy imports wait for the command.

A report or recover run first offers itself to a running service (B-14.2) with the standard library alone; only a
run that goes inline imports the command line's parser and the rest.
"""

import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

from summit_connector.entrypoints.command_line import PROGRAM, config_path, with_default_command

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from summit_connector.application.ports import KeptEvent
    from summit_connector.entrypoints.container import Container
    from summit_connector.entrypoints.exit_codes import ExitCode


def main(
    argv: Sequence[str] | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
    root: "Container | None" = None,
    handed: "KeptEvent | None" = None,
) -> "ExitCode | int":
    """`root` and `handed` are the service's (B-14.2): its composition root, and the hand-off a report delivers;
    a run given a root is never handed off again."""
    stdout = stdout or _tolerant(sys.stdout)
    stderr = stderr or _tolerant(sys.stderr)
    environ = dict(os.environ if environ is None else environ)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # no entry-point scan at start-up
    given = list(sys.argv[1:] if argv is None else argv)
    argv = with_default_command(given)
    try:
        handed_off = None if root is not None else _handed_off(given, stdout, stderr, environ)
        if handed_off is not None:
            return handed_off
        return _inline(argv, stdout, stderr, environ, root, handed)
    except KeyboardInterrupt:
        from summit_connector.entrypoints.exit_codes import ExitCode

        print(f"{PROGRAM}: interrupted", file=stderr)
        return ExitCode.NOT_DELIVERED
    except Exception as error:  # noqa: BLE001 - one line, never a traceback; the message may quote a secret
        from summit_connector.application.errors import ConnectorError, described
        from summit_connector.entrypoints.exit_codes import exit_code_for

        said = described(error) if isinstance(error, ConnectorError) else f"{described(error)}; nothing more was done"
        print(f"{PROGRAM}: error: {said}", file=stderr)
        return exit_code_for(error)


def _inline(argv: list[str], stdout: TextIO, stderr: TextIO, environ: dict[str, str], root, handed) -> "ExitCode":
    from summit_connector.entrypoints.exit_codes import ExitCode

    args = _parse(argv, stdout)
    if args is None:
        return ExitCode.OK
    return _dispatch(args, stdout, stderr, environ, root, handed)


def _parse(argv: list[str], stdout: TextIO) -> "argparse.Namespace | None":
    """None when the arguments only asked for help or the version (printed to `stdout`)."""
    import contextlib

    from summit_connector.entrypoints.arguments import parser as the_parser

    parser = the_parser()
    if not argv:
        argv = ["--help"]
    try:
        with contextlib.redirect_stdout(stdout):
            return parser.parse_args(argv)
    except SystemExit:
        return None


GATED = frozenset({"report", "recover"})
"""The commands Notification Manager starts in bursts: they load their heavy modules at the admission gate."""
HEAVY = ("summit_connector.entrypoints.container", "summit_connector.adapters.config.template_file")


def _handed_off(argv: list[str], stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> int | None:
    """A live service of this Connector.config delivers a report or recover run (B-14.2); None: deliver it here.
    Standard library only, before any heavy import."""
    from summit_connector.entrypoints.handoff import handed_off, wants_handoff

    return handed_off(argv, stdout, stderr, environ) if wants_handoff(argv) else None


def _dispatch(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str], root=None, handed=None) -> "ExitCode":
    from importlib import import_module

    from summit_connector.entrypoints.arguments import ArgumentError
    from summit_connector.entrypoints.command_table import COMMANDS
    from summit_connector.entrypoints.invocation import Invocation

    if args.command is None:
        raise ArgumentError("name a command, or give the report flags (see --help)")
    invocation = Invocation(args, stdout, stderr, environ, root, handed, main)
    config = config_path(args.config, environ) if args.command in GATED and root is None else None
    if config is None or not config.is_file():  # without a config, the run only reports that
        return COMMANDS[args.command]()(invocation)
    with _gate(config).admitted(invocation.warn):
        command = COMMANDS[args.command]()
        for heavy in HEAVY:
            import_module(heavy)
    return command(invocation)


def _gate(config: "Path"):
    """A burst drains in arrival order: the heavy imports wait for a slot (issue 12); the run itself does not."""
    from summit_connector.adapters.locks.admission_gate import AdmissionGate
    from summit_connector.adapters.locks.os_locks import LOCKS_FOLDER

    return AdmissionGate(config.parent / LOCKS_FOLDER)


def _tolerant(stream: TextIO) -> TextIO:
    """A console that cannot show a character of a job name (cp1252 on Windows) shows an escape instead."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")
    return stream


def run() -> None:
    sys.exit(main())
