"""One command line being run: its arguments, its streams, its environment, and the process's composition root,
built the first time a command asks for it. Standard library only, so `--help` and `--version` stay fast."""

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from summit_connector.entrypoints.command_line import PROGRAM, config_path

if TYPE_CHECKING:
    from summit_connector.application.ports import KeptEvent
    from summit_connector.entrypoints.container import Container


@dataclass
class Invocation:
    """`root` is given when the process already has one (the service, a test); otherwise `root()` builds it once,
    for the Connector.config that `-c`, SUMMIT_CONNECTOR_CONFIG or the working directory names (B-1.2)."""

    args: argparse.Namespace
    stdout: TextIO
    stderr: TextIO
    environ: dict[str, str]
    given_root: "Container | None" = field(default=None, repr=False)
    handed: "KeptEvent | None" = None
    """The service's hand-off this run delivers (B-14.2): recorded before it was acknowledged."""
    main: "Main | None" = field(default=None, repr=False)
    """The command line's own `main`, for the service to run each hand-off and pass as the command line would."""

    def root(self) -> "Container":
        if self.given_root is None:
            from summit_connector.entrypoints.container import bootstrap

            self.given_root = bootstrap(config_path(getattr(self.args, "config", None), self.environ), self.environ)
        return self.given_root

    def warn(self, warning: str) -> None:
        print(f"{PROGRAM}: warning: {warning}", file=self.stderr)

    def error(self, said: object) -> None:
        print(f"{PROGRAM}: error: {said}", file=self.stderr)


Command = Callable[[Invocation], "int"]
Main = Callable[..., "int"]
"""`main(argv, stdout, stderr, environ, root=..., handed=...) -> exit code`."""
