"""What the service does with one hand-off (B-14.2): check it is for the Connector.config it serves, record it in
the state store, acknowledge it, deliver it with the command line's own `main` (so its lines and exit code are those
of an inline run), and answer the outcome.

Invalid input is answered at once with the lines and exit 2 an inline run prints, unacknowledged; anything else
that stops the recording is a refusal, and the run delivers inline.
"""

import io
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Recorded:
    """A hand-off on record: its outbox entry and the arguments it came with."""

    kept: KeptEvent
    argv: tuple[str, ...]


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
        if self.stopping.is_set():
            reply({"refused": "the service is stopping"})
            return
        reply({"received": True})
        if not _same_config(str(message.get("config", "")), self._config):
            reply({"refused": f"the service serves {self._config}"})
            return
        argv = [str(arg) for arg in message.get("argv", []) if isinstance(arg, str)]
        try:
            moment = self._moment(str(message.get("now") or ""))
        except InvalidInput as wrong:
            reply({"done": True, "code": int(ExitCode.INVALID_INPUT), "stdout": "",
                   "stderr": f"{PROGRAM}: error: {wrong}\n"})
            return
        self._run_clock().moment_of_this_run(moment)
        try:
            recorded = self._recorded(argv)
        except InvalidInput:
            reply(self._answered(argv, moment, None))
            return
        except (ConnectorError, ValueError, OSError) as error:
            reply({"refused": f"the hand-off could not be recorded: {error}"})
            return
        self._started()
        try:
            reply({"ack": recorded.kept.id})
            reply(self._answered(argv, moment, recorded.kept))
        finally:
            self._ended()

    def wait_idle(self, seconds: float) -> bool:
        """True when every acknowledged hand-off was answered within `seconds`."""
        with self._idle:
            return self._idle.wait_for(lambda: self._active == 0, timeout=seconds)

    def _recorded(self, argv: list[str]) -> Recorded:
        """Raises InvalidInput for arguments or a template an inline run would refuse (exit 2)."""
        args = parser().parse_args(with_default_command(argv))
        event = failure_event(args)
        scope = self._root.templates().named(joined(args.template))
        kept = self._root.delivery().handed(event, template_key(scope.loaded()))
        return Recorded(kept, tuple(argv))

    def _answered(self, argv: list[str], moment: datetime | None, kept: KeptEvent | None) -> dict:
        """The run as the command line would do it, on this root and at the client's moment, its lines captured."""
        out, err = io.StringIO(), io.StringIO()
        with self._slots:
            self._run_clock().moment_of_this_run(moment)
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

    def _started(self) -> None:
        with self._idle:
            self._active += 1

    def _ended(self) -> None:
        with self._idle:
            self._active -= 1
            self._idle.notify_all()


def _same_config(given: str, served: Path) -> bool:
    try:
        return Path(given).resolve() == served
    except (OSError, RuntimeError):
        return False

