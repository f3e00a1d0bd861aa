"""The hand-off client (B-14.2): a report or recover run gives its arguments to the live service of its
Connector.config and prints the outcome as its own. Standard library only: it runs at every Notification Manager
start, before any heavy import.

One JSON object a line over TCP to 127.0.0.1. The run sends `handoff` with the secret; the service answers
`{"received": true}` at once (within 0.5 s, or the run goes inline), then `{"ack": id, "pid": n}` once the hand-off
is recorded (within RECORD_SECONDS: the state store may be busy in a burst), then `{"done": true, "code", "stdout",
"stderr"}`; or `done` without an ack, or `{"refused": why}`. Any doubt before an acknowledgement means the run goes
inline; after one, never.
"""

import json
import os
import socket
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from summit_connector.entrypoints.command_line import CONFIG_FLAGS, PROGRAM, config_path, with_default_command
from summit_connector.entrypoints.service_file import LOCAL_HOST, ServiceInfo, read_service_file, service_file_path

NOW_VARIABLE = "SUMMIT_CONNECTOR_NOW"
"""The same name as `adapters.clock.NOW_VARIABLE`, whose module is too heavy to import here."""
ANSWER_SECONDS = 0.5
RECORD_SECONDS = 5.0
"""After `received`: how long the service may take to record the hand-off before the run goes inline."""
EXIT_CODES = (0, 1, 2, 3)
KEPT_EXIT = 1
HANDED_OFF = ("report", "recover")
HAS_SIGNAL_PROBE = os.name != "nt"
"""On Windows `os.kill(pid, 0)` sends Ctrl+C: there the closed port tells a dead service."""
CASE_INSENSITIVE_PATHS = os.name == "nt"
MAX_LINE_BYTES = 16 * 2**20
KEPT = "handed to the service (pid {pid}); not finished yet: it is kept and will be delivered"


class _Doubt(Exception):
    """The arguments name a Connector.config in a form this client does not read: the run goes inline."""


def wants_handoff(argv: Sequence[str]) -> bool:
    """`report`, `recover` or bare vendor flags, a leading `-c PATH` allowed; never a request for help, never a word
    that is no command (argparse tells that inline)."""
    args = with_default_command(argv)
    index = 0
    while index < len(args) and (args[index] in CONFIG_FLAGS or args[index].startswith("--config=")):
        index += 1 if "=" in args[index] else 2
    if index >= len(args) or args[index] not in HANDED_OFF or {"-h", "--help"} & set(args):
        return False
    bare = len(args) > len(argv)
    return not bare or args[index + 1].startswith("-")


def handed_off(argv: Sequence[str], stdout: TextIO, stderr: TextIO, environ: Mapping[str, str]) -> int | None:
    """The exit code of a run the service did or keeps, its lines printed; None: deliver inline, as with no service."""
    try:
        config = config_path(_config_flag(argv), environ).resolve()
        message = {"kind": "handoff", "argv": list(argv), "config": str(config),
                   "now": environ.get(NOW_VARIABLE, ""), "cwd": os.getcwd()}
        info = live_service(config) if config.is_file() else None
    except (_Doubt, OSError, RuntimeError):
        return None
    return None if info is None else _hand_off(info, message, stdout, stderr)


def live_service(config: Path) -> ServiceInfo | None:
    """The service `service.json` names for this resolved Connector.config, unless its process is gone."""
    info = read_service_file(service_file_path(config))
    if info is None or not _same_path(info.config, config) or not _alive(info.pid):
        return None
    return info


def ask_service(info: ServiceInfo, message: dict, timeout: float) -> dict | None:
    """One request (the secret added), one answer line; None when there is no answer object within `timeout`."""
    try:
        with _connected(info, timeout) as connection:
            return _request(connection, info, message, timeout).next(time.monotonic() + timeout)
    except OSError:
        return None


def _config_flag(argv: Sequence[str]) -> str | None:
    """The last `-c PATH`, `--config PATH` or `--config=PATH`, wherever it stands, as argparse keeps it."""
    value, args = None, iter(argv)
    for arg in args:
        if arg in CONFIG_FLAGS:
            value = next(args, None)
            if value is None:
                raise _Doubt(arg)
        elif arg.startswith("--config="):
            value = arg.partition("=")[2]
        elif arg.startswith(("-c", "--c")):  # `-cPATH`, `--conf PATH`: argparse may read them, this client does not
            raise _Doubt(arg)
    return value


def _same_path(served: str, config: Path) -> bool:
    if CASE_INSENSITIVE_PATHS:
        return str(Path(served)).casefold() == str(config).casefold()
    return str(Path(served)) == str(config)


def _alive(pid: int) -> bool:
    if not HAS_SIGNAL_PROBE:
        return True
    try:
        os.kill(pid, 0)
    except PermissionError:  # another user's process: alive
        return True
    except (OSError, OverflowError):
        return False
    return True


def _hand_off(info: ServiceInfo, message: dict, stdout: TextIO, stderr: TextIO) -> int | None:
    try:
        connection = _connected(info, ANSWER_SECONDS)
    except OSError:
        return None
    with connection:
        try:
            lines = _request(connection, info, message, ANSWER_SECONDS)
        except OSError:
            return None
        first = lines.next(time.monotonic() + ANSWER_SECONDS)
        if first is not None and first.get("received") is True:
            first = lines.next(time.monotonic() + RECORD_SECONDS)
        if first is not None and "ack" in first:
            return _awaited(lines, _pid(first, info), info.wait_seconds, stdout, stderr)
        return _printed(first, stdout, stderr)


def _awaited(lines: "_Lines", pid: int, wait_seconds: float, stdout: TextIO, stderr: TextIO) -> int:
    """After the acknowledgement the service holds the run: no outcome in time is exit 1, never an inline run."""
    try:
        done = lines.next(time.monotonic() + wait_seconds)
    except (OSError, KeyboardInterrupt):
        done = None
    code = _printed(done, stdout, stderr)
    if code is None:
        print(f"{PROGRAM}: {KEPT.format(pid=pid)}", file=stderr)
        return KEPT_EXIT
    return code


def _printed(answer: dict | None, stdout: TextIO, stderr: TextIO) -> int | None:
    """A well-formed `done` answer is written out and its code returned; anything else is None."""
    if answer is None or answer.get("done") is not True:
        return None
    code, out, err = answer.get("code"), answer.get("stdout"), answer.get("stderr")
    if type(code) is not int or code not in EXIT_CODES or not isinstance(out, str) or not isinstance(err, str):
        return None
    stderr.write(err)
    stdout.write(out)
    return code


def _pid(ack: dict, info: ServiceInfo) -> int:
    return ack["pid"] if type(ack.get("pid")) is int else info.pid


def _connected(info: ServiceInfo, timeout: float) -> socket.socket:
    return socket.create_connection((LOCAL_HOST, info.port), timeout=timeout)


def _request(connection: socket.socket, info: ServiceInfo, message: dict, timeout: float) -> "_Lines":
    connection.settimeout(timeout)
    connection.sendall(json.dumps({**message, "secret": info.secret}).encode("utf-8") + b"\n")
    return _Lines(connection)


class _Lines:
    """The answer lines of one connection, each a JSON object or None (timed out, closed, not an object)."""

    def __init__(self, connection: socket.socket) -> None:
        self._connection = connection
        self._buffer = bytearray()

    def next(self, deadline: float) -> dict | None:
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or len(self._buffer) > MAX_LINE_BYTES:
                return None
            self._connection.settimeout(remaining)
            try:
                chunk = self._connection.recv(65536)
            except OSError:
                return None
            if not chunk:
                return None
            self._buffer += chunk
        line, _, rest = bytes(self._buffer).partition(b"\n")
        self._buffer = bytearray(rest)
        return _object(line)


def _object(line: bytes) -> dict | None:
    try:
        answer = json.loads(line.decode("utf-8"))
    except ValueError:
        return None
    return answer if isinstance(answer, dict) else None
