"""`summit-connector init [DIR] [--from VENDOR_DIR]` (issue 12): lays out an install folder (Connector.config with
every key explained, `templates/basic.json`, the log, job-log and state folders), or copies the vendor connector's
Connector.config and templates and runs `check` on them. Never overwrites: what exists is kept and listed as kept.
"""

import os
from pathlib import Path
from typing import TYPE_CHECKING

from summit_connector.entrypoints.arguments import ArgumentError, build_parser
from summit_connector.entrypoints.command_line import PROGRAM
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.invocation import Invocation

if TYPE_CHECKING:
    from summit_connector.adapters.config.install_folder import Placed


def run(invocation: Invocation) -> ExitCode:
    from summit_connector.adapters.config.install_folder import CONFIG, lay_out

    args, stdout = invocation.args, invocation.stdout
    if args.config:
        raise ArgumentError("init writes DIR/Connector.config: name the install folder as DIR instead of -c")
    install = Path(args.dir).absolute()
    vendor = Path(args.vendor).absolute() if args.vendor else None
    placed = lay_out(install, vendor)
    print(f"Install folder {install}" + (f", from {vendor}:" if vendor else ":"), file=stdout)
    stdout.write("".join(f"  {_line(item, install)}\n" for item in placed))
    if vendor is not None:
        return _check(install / CONFIG, invocation)
    print(_next_steps(install, placed), file=stdout)
    return ExitCode.OK


def _check(config: Path, invocation: Invocation) -> ExitCode:
    """`check -c CONFIG` itself, its arguments parsed as the command line's would be."""
    from summit_connector.entrypoints.checking import run_check

    print(f"Checking the result ({PROGRAM} check -c {config}):", file=invocation.stdout)
    args = build_parser().parse_args(["check", "-c", str(config)])
    return run_check(Invocation(args, invocation.stdout, invocation.stderr, invocation.environ))


def _next_steps(install: Path, placed: "list[Placed]") -> str:
    from summit_connector.adapters.config.install_folder import CONFIG
    from summit_connector.adapters.config.starter_files import STARTER_TEMPLATE, fill_in

    template = next(item.path for item in placed if item.path.name == STARTER_TEMPLATE)
    return (f"Next: fill in {' and '.join(fill_in())} in {CONFIG}, and the Summit address and apiKey in "
            f"{_shown(template, install)}; then run: {PROGRAM} check -c {install / CONFIG}")


def _line(item: "Placed", install: Path) -> str:
    """`created templates/basic.json`, `kept existing Connector.config`; the install folder by its full path."""
    return f"{item.placement} {_shown(item.path, install)}{os.sep if item.folder else ''}"


def _shown(path: Path, install: Path) -> str:
    return str(path.relative_to(install)) if path != install and path.is_relative_to(install) else str(path)
