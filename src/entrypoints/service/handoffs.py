"""What the service does with one hand-off (B-14.2): check it is for the Connector.config it serves, record it in
the state store, acknowledge it, deliver it with the command line's own `main` (so its lines and exit code are those
of an inline run), and answer the outcome.

Invalid input is answered at once with the lines and exit 2 an inline run prints, unacknowledged; anything else
that stops the recording is a refusal, and the run delivers inline.
"""

import io
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from summit_connector.adapters.clock import NOW_VARIABLE, RunClock, clock_from_environment
from summit_connector.application.errors import ConnectorError, InvalidInput
from summit_connector.application.ports import KeptEvent
from summit_connector.entrypoints.arguments import failure_event, joined, parser
from summit_connector.entrypoints.command_line import with_default_command
from summit_connector.entrypoints.invocation import Main
from summit_connector.entrypoints.container import Container, template_key
from summit_connector.entrypoints.command_line import PROGRAM
from summit_connector.entrypoints.exit_codes import ExitCode

Reply = Callable[[dict], None]
ACK_BUDGET_SECONDS = 4.0
"""A run waits 5 s after `received` for its acknowledgement (handoff.RECORD_SECONDS); one recorded later than this is
taken back and refused, so the run that has gone inline is the only one to deliver it."""
TEMPLATE_FLAGS = ("-t", "--template")


class HandOffs:
    """`slots` bounds the deliveries running at once ([SERVICE] CONCURRENCY); `active` counts the hand-offs
    acknowledged and not answered yet, so a stop can let them finish."""

    def __init__(self, root: Container, config: Path, environ: Mapping[str, str], concurrency: int,
                 main: Main) -> None:
        self._main = main
        self._root = root
        self._config = config
        self._environ = dict(environ)
        self._slots = threading.BoundedSemaphore(concurrency)
        self._active = 0
        self._idle = threading.Condition()
        self.stopping = threading.Event()

    @property
    def active(self) -> int:
        with self._idle:
            return self._active

    def handle(self, message: Mapping[str, object], reply: Reply) -> None:
        """Counted as active from the moment it is received, so a stop waits for it whatever stage it is at."""
        with self._idle:
            if self.stopping.is_set():
                reply({"refused": "the service is stopping"})
                return
            self._active += 1
        try:
            reply({"received": True})
            self._handled(message, reply, time.monotonic())
        finally:
            self._ended()

    def _handled(self, message: Mapping[str, object], reply: Reply, received: float) -> None:
        if not _same_config(str(message.get("config", "")), self._config):
            reply({"refused": f"the service serves {self._config}"})
            return
        argv = _from_cwd([str(arg) for arg in message.get("argv", []) if isinstance(arg, str)],
                         str(message.get("cwd") or ""))
        try:
            moment = self._moment(str(message.get("now") or ""))
        except InvalidInput as wrong:
            reply({"done": True, "code": int(ExitCode.INVALID_INPUT), "stdout": "",
                   "stderr": f"{PROGRAM}: error: {wrong}\n"})
            return
        self._run_clock().moment_of_this_run(moment)  # this thread's runs decide at the client's moment (B-1.5)
        try:
            kept = self._recorded(argv)
        except InvalidInput:
            reply(self._answered(argv, None))
            return
        except (ConnectorError, ValueError, OSError) as error:
            reply({"refused": f"the hand-off could not be recorded: {error}"})
            return
        try:
            if time.monotonic() - received > ACK_BUDGET_SECONDS:
                self._root.outbox().delivered(kept.id)  # the run has gone inline by now: it delivers the event
                reply({"refused": "the hand-off was recorded too late"})
                return
            reply({"ack": kept.id})
            reply(self._answered(argv, kept))
        finally:
            self._root.in_flight().discard(kept.id)

    def wait_idle(self, seconds: float) -> bool:
        """True when every acknowledged hand-off was answered within `seconds`."""
        with self._idle:
            return self._idle.wait_for(lambda: self._active == 0, timeout=seconds)

    def _recorded(self, argv: list[str]) -> KeptEvent:
        """The hand-off's outbox entry; InvalidInput for arguments or a template an inline run would refuse."""
        args = parser().parse_args(with_default_command(argv))
        event = failure_event(args)
        scope = self._root.templates().named(joined(args.template))
        return self._root.delivery().handed(event, template_key(scope.loaded()))

    def _answered(self, argv: list[str], kept: KeptEvent | None) -> dict:
        """The run as the command line would do it, on this root and at the client's moment, its lines captured."""
        out, err = io.StringIO(), io.StringIO()
        with self._slots:
            code = self._main(argv, out, err, self._environ, root=self._root, handed=kept)
        return {"done": True, "code": int(code), "stdout": out.getvalue(), "stderr": err.getvalue()}

    def _moment(self, moment: str) -> datetime | None:
        """The client's SUMMIT_CONNECTOR_NOW as this run's clock (B-1.5); InvalidInput as inline when it is wrong."""
        if not moment:
            return None
        return clock_from_environment({NOW_VARIABLE: moment}, self._root.config().timezone).now()

    def _run_clock(self) -> RunClock:
        clock = self._root.clock()
        assert isinstance(clock, RunClock), "the service runs on a RunClock"
        return clock

    def _ended(self) -> None:
        with self._idle:
            self._active -= 1
            self._idle.notify_all()


def _from_cwd(argv: list[str], cwd: str) -> list[str]:
    """A `-t` naming a template by a relative path is the client's: made absolute from its working directory."""
    given = list(argv)
    for index, arg in enumerate(given[:-1]):
        name = given[index + 1]
        if arg in TEMPLATE_FLAGS and cwd and len(Path(name).parts) > 1 and not Path(name).is_absolute():
            given[index + 1] = str(Path(cwd, name))
    return given


def _same_config(given: str, served: Path) -> bool:
    try:
        return Path(given).resolve() == served
    except (OSError, RuntimeError):
        return False

