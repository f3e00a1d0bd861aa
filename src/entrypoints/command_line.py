"""The few words of the command line every run reads before anything else: the program's name, the sub-commands,
where Connector.config is (B-1.2), and bare vendor arguments meaning `report` (B-1.1). Standard library only and
nothing more, so the hand-off to a running service (B-14.2) starts in a few milliseconds."""

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

PROGRAM = "summit-connector"
CONFIG_VARIABLE = "SUMMIT_CONNECTOR_CONFIG"
DEFAULT_CONFIG = "Connector.config"
COMMANDS = ("report", "recover", "explain", "check", "encrypt", "retry", "outbox", "history", "sync", "demo",
            "sandbox", "silence", "agent-down", "agent-up", "init", "reconcile", "serve", "status")
CONFIG_FLAGS = ("-c", "--config")


def config_path(flag: str | None, environ: Mapping[str, str]) -> "Path":
    """`-c`, else `SUMMIT_CONNECTOR_CONFIG`, else `Connector.config` in the working directory (B-1.2)."""
    from pathlib import Path  # not at import: `--help` and `--version` stay fast

    return Path(flag or environ.get(CONFIG_VARIABLE) or DEFAULT_CONFIG)


def with_default_command(argv: Sequence[str]) -> list[str]:
    """Bare vendor arguments mean `report`; a leading `-c PATH` may precede the sub-command (B-1.1, B-1.2)."""
    args = list(argv)
    index = 0
    while index < len(args) and (args[index] in CONFIG_FLAGS or args[index].startswith("--config=")):
        index += 1 if "=" in args[index] else 2
    rest = args[index:]
    if not rest or rest[0] in COMMANDS or rest[0] in ("-h", "--help", "--version"):
        return args
    return args[:index] + ["report"] + rest
