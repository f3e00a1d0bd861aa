"""The hand-off client (B-14.2) against a fake service that speaks the protocol over loopback.

Any doubt before an acknowledgement means inline (None); after one the run never goes inline.
"""

import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from summit_connector.entrypoints import handoff
from summit_connector.entrypoints.handoff import ask_service, handed_off, live_service, wants_handoff
from summit_connector.entrypoints.service_file import ServiceInfo, service_file_path, write_service_file
from tests.entrypoints.cli_harness import VENDOR_ARGS

SECRET = "5e" * 32
ACK = {"ack": 7, "pid": 4242}
DONE = {"done": True, "code": 0, "stdout": "Incident 12345 created for JOB001 (PAYROLL, 2024-09-21): url\n",
        "stderr": "summit-connector: warning: a warning\n"}
KEPT_LINE = "summit-connector: handed to the service (pid 4242); not finished yet: it is kept and will be delivered\n"


@dataclass
class FakeService:
    """Answers each request that presents the secret with `answers` (dicts or raw bytes), then closes, or holds the
    connection open until stopped; closes a connection without the secret at once, without a word."""

    answers: list
    hold: bool = False
    secret: str = SECRET
    received: list[dict] = field(default_factory=list)
    refused_secrets: int = 0

    def __post_init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._listener.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            with connection:
                self._answer(connection)

    def _answer(self, connection: socket.socket) -> None:
        connection.settimeout(2)
        try:
            request = json.loads(connection.makefile("rb").readline())
        except (OSError, ValueError):
            return
        if not isinstance(request, dict) or request.get("secret") != self.secret:
            self.refused_secrets += 1
            return
        self.received.append(request)
        for answer in self.answers:
            connection.sendall(answer if isinstance(answer, bytes) else json.dumps(answer).encode() + b"\n")
        while self.hold and not self._stop.wait(0.05):
            pass


@pytest.fixture
def start_service() -> Iterator:
    started: list[FakeService] = []

    def start(*answers: object, hold: bool = False) -> FakeService:
        started.append(FakeService(list(answers), hold=hold))
        return started[-1]

    try:
        yield start
    finally:
        for service in started:
            service.stop()


@pytest.fixture
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An install folder as Notification Manager's working directory, holding Connector.config."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Connector.config").write_text("[GENERAL]\nSTATEDIR=state\n[OPCON API]\nADDRESS=127.0.0.1\n")
    (tmp_path / "state").mkdir()
    return tmp_path


def announce(service: FakeService | None, served: Path, **overrides: object) -> ServiceInfo:
    """Writes the service.json a running service would write for the Connector.config `served`."""
    values = {"pid": os.getpid(), "port": service.port if service else 1, "started": "2024-09-21T06:00:00",
              "config": str(served.resolve()), "secret": SECRET, "wait_seconds": 2.0}
    values.update(overrides)
    info = ServiceInfo(**values)
    write_service_file(service_file_path(served), info)
    return info


@dataclass
class Run:
    code: int | None
    stdout: str
    stderr: str
    seconds: float


def run(argv: list[str], environ: dict[str, str] | None = None) -> Run:
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    code = handed_off(argv, out, err, environ or {})
    return Run(code, out.getvalue(), err.getvalue(), time.monotonic() - started)


def _reaped_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


# --- handed off: the service's lines and code are the run's -----------------------------------------------------

def test_an_acknowledged_run_prints_the_services_lines_and_exits_with_its_code(install, start_service):
    service = start_service(ACK, DONE)
    announce(service, install / "Connector.config")

    result = run(VENDOR_ARGS)

    assert (result.code, result.stdout, result.stderr) == (0, DONE["stdout"], DONE["stderr"])


def test_the_handoff_carries_the_argv_as_given_the_resolved_config_the_clock_and_the_working_directory(
        install, start_service):
    service = start_service(ACK, DONE)
    announce(service, install / "Connector.config")
    argv = ["-s", "My Schedule", "-jn", "Parent_Job[Sub]", "-t", "basic.json", "--json"]

    run(argv, {"SUMMIT_CONNECTOR_NOW": "2024-09-21T07:30:00"})

    assert service.received == [{
        "kind": "handoff", "secret": SECRET, "argv": argv, "config": str((install / "Connector.config").resolve()),
        "now": "2024-09-21T07:30:00", "cwd": os.getcwd(),
    }]


def test_without_summit_connector_now_the_handoff_sends_an_empty_now(install, start_service):
    service = start_service(ACK, DONE)
    announce(service, install / "Connector.config")

    run(VENDOR_ARGS)

    assert service.received[0]["now"] == ""


def test_a_done_without_an_ack_is_printed_with_its_code(install, start_service):
    invalid = {"done": True, "code": 2, "stdout": "", "stderr": "summit-connector: error: -si: must be an integer\n"}
    service = start_service(invalid)
    announce(service, install / "Connector.config")

    result = run(VENDOR_ARGS)

    assert (result.code, result.stdout, result.stderr) == (2, "", invalid["stderr"])


def test_the_service_answer_may_arrive_in_pieces(install, start_service):
    line = json.dumps(DONE).encode() + b"\n"
    service = start_service(json.dumps(ACK).encode() + b"\n" + line[:10], line[10:])
    announce(service, install / "Connector.config")

    assert run(VENDOR_ARGS).code == 0


@pytest.mark.parametrize("where", ["flag", "flag after the command", "flag with =", "environment"])
def test_the_config_is_found_from_c_or_the_environment(tmp_path, start_service, where, monkeypatch):
    folder = tmp_path / "install"
    folder.mkdir()
    config = folder / "Connector.config"
    config.write_text("[GENERAL]\n")
    monkeypatch.chdir(tmp_path)
    argv, environ = {
        "flag": (["-c", "install/Connector.config", *VENDOR_ARGS], {}),
        "flag after the command": (["report", *VENDOR_ARGS, "--config", str(config)], {}),
        "flag with =": ([f"--config={config}", "recover", *VENDOR_ARGS], {}),
        "environment": (VENDOR_ARGS, {"SUMMIT_CONNECTOR_CONFIG": str(config)}),
    }[where]
    service = start_service(ACK, DONE)
    announce(service, config)

    assert run(argv, environ).code == 0
    assert service.received[0]["config"] == str(config.resolve())


def test_the_last_config_flag_wins_as_argparse_keeps_it(tmp_path, install, start_service):
    other = tmp_path / "other.config"
    other.write_text("[GENERAL]\n")
    service = start_service(ACK, DONE)
    announce(service, other)

    assert run(["-c", "Connector.config", "report", "-c", str(other), *VENDOR_ARGS]).code == 0


# --- any doubt before an acknowledgement: inline ------------------------------------------------------------------

def test_no_service_file_means_inline(install):
    assert run(VENDOR_ARGS).code is None


def test_no_connector_config_means_inline(tmp_path, monkeypatch, start_service):
    monkeypatch.chdir(tmp_path)
    service = start_service(ACK, DONE)
    write_service_file(tmp_path / "service.json", ServiceInfo(
        pid=os.getpid(), port=service.port, started="x", config=str(tmp_path / "Connector.config"), secret=SECRET))

    assert run(VENDOR_ARGS).code is None
    assert service.received == []


def test_a_damaged_service_file_means_inline(install):
    service_file_path(install / "Connector.config").write_text("{\"pid\": ")

    assert run(VENDOR_ARGS).code is None


def test_a_service_of_another_config_means_inline(install, tmp_path, start_service):
    service = start_service(ACK, DONE)
    announce(service, install / "Connector.config", config=str(tmp_path / "elsewhere" / "Connector.config"))

    assert run(VENDOR_ARGS).code is None
    assert service.received == []


def test_a_dead_pid_means_inline(install, start_service):
    service = start_service(ACK, DONE)
    announce(service, install / "Connector.config", pid=_reaped_pid())

    assert run(VENDOR_ARGS).code is None
    assert service.received == []


def test_on_windows_the_pid_is_not_probed_and_the_port_decides(install, start_service, monkeypatch):
    monkeypatch.setattr(handoff, "HAS_SIGNAL_PROBE", False)
    service = start_service(ACK, DONE)
    announce(service, install / "Connector.config", pid=_reaped_pid())

    assert run(VENDOR_ARGS).code == 0


def test_on_windows_the_config_paths_compare_without_case(install, start_service, monkeypatch):
    service = start_service(ACK, DONE)
    announce(service, install / "Connector.config", config=str((install / "Connector.config").resolve()).upper())

    assert run(VENDOR_ARGS).code is None
    monkeypatch.setattr(handoff, "CASE_INSENSITIVE_PATHS", True)
    assert run(VENDOR_ARGS).code == 0


def test_a_closed_port_means_inline(install):
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()
    announce(None, install / "Connector.config", port=port)

    assert run(VENDOR_ARGS).code is None


def test_no_answer_within_half_a_second_means_inline(install, start_service):
    service = start_service(hold=True)
    announce(service, install / "Connector.config")

    result = run(VENDOR_ARGS)

    assert (result.code, result.stdout, result.stderr) == (None, "", "")
    assert 0.45 <= result.seconds < 1.5


def test_a_service_that_does_not_accept_within_half_a_second_means_inline(install):
    listener = socket.create_server(("127.0.0.1", 0), backlog=0)
    fillers: list[socket.socket] = []
    try:
        _fill_backlog(listener, fillers)
        announce(None, install / "Connector.config", port=listener.getsockname()[1])

        result = run(VENDOR_ARGS)
    finally:
        for connection in [listener, *fillers]:
            connection.close()

    assert result.code is None
    assert 0.45 <= result.seconds < 1.5


def _fill_backlog(listener: socket.socket, fillers: list[socket.socket]) -> None:
    """Connects until the listener, never accepting, leaves a connection hanging (a SYN nobody answers)."""
    for _ in range(64):
        try:
            fillers.append(socket.create_connection(listener.getsockname(), timeout=0.2))
        except TimeoutError:
            return
    pytest.skip("this system accepts every connection into the backlog")


def test_a_refused_handoff_means_inline(install, start_service):
    service = start_service({"refused": "the service is stopping"})
    announce(service, install / "Connector.config")

    assert run(VENDOR_ARGS).code is None
    assert len(service.received) == 1


@pytest.mark.parametrize("answer", [
    b"not json\n", b"[1, 2]\n", {"done": True, "code": "0", "stdout": "", "stderr": ""},
    {"done": True, "code": 0, "stdout": None, "stderr": ""}, {"done": True, "code": 9, "stdout": "", "stderr": ""},
    {"done": "yes", "code": 0, "stdout": "", "stderr": ""}, {"hello": 1}, b"\xff\xfe\n",
])
def test_a_malformed_first_answer_means_inline(install, start_service, answer):
    service = start_service(answer)
    announce(service, install / "Connector.config")

    result = run(VENDOR_ARGS)

    assert (result.code, result.stdout, result.stderr) == (None, "", "")


def test_a_connection_closed_without_a_word_means_inline(install, start_service):
    service = start_service()
    announce(service, install / "Connector.config")

    assert run(VENDOR_ARGS).code is None


def test_a_wrong_secret_is_closed_without_effect_and_the_run_goes_inline(install, start_service):
    service = start_service(ACK, DONE)
    announce(service, install / "Connector.config", secret="00" * 32)

    assert run(VENDOR_ARGS).code is None
    assert (service.received, service.refused_secrets) == ([], 1)


def test_a_config_flag_form_the_client_does_not_read_means_inline(install, start_service):
    service = start_service(ACK, DONE)
    announce(service, install / "Connector.config")

    assert run(["-cConnector.config", *VENDOR_ARGS]).code is None
    assert run(["report", "--conf", "Connector.config", *VENDOR_ARGS]).code is None
    assert run([*VENDOR_ARGS, "-c"]).code is None
    assert service.received == []


# --- after an acknowledgement: never inline -----------------------------------------------------------------------

def test_no_outcome_within_wait_seconds_is_exit_1_with_the_kept_line(install, start_service):
    service = start_service(ACK, hold=True)
    announce(service, install / "Connector.config", wait_seconds=0.3)

    result = run(VENDOR_ARGS)

    assert (result.code, result.stdout, result.stderr) == (1, "", KEPT_LINE)
    assert 0.3 <= result.seconds < 1.5


def test_a_connection_lost_after_the_ack_is_exit_1_with_the_kept_line(install, start_service):
    service = start_service(ACK)
    announce(service, install / "Connector.config", wait_seconds=30)

    result = run(VENDOR_ARGS)

    assert (result.code, result.stdout, result.stderr) == (1, "", KEPT_LINE)
    assert result.seconds < 5


def test_a_malformed_outcome_after_the_ack_is_exit_1_with_the_kept_line(install, start_service):
    service = start_service(ACK, {"refused": "too late"})
    announce(service, install / "Connector.config")

    result = run(VENDOR_ARGS)

    assert (result.code, result.stderr) == (1, KEPT_LINE)


class BrokenPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_stream_that_fails_after_the_ack_is_an_error_never_an_inline_run(install, start_service):
    service = start_service(ACK, DONE)
    announce(service, install / "Connector.config")

    with pytest.raises(BrokenPipeError):
        handed_off(VENDOR_ARGS, BrokenPipe(), BrokenPipe(), {})


def test_an_ack_without_a_pid_names_the_pid_of_the_service_file(install, start_service):
    service = start_service({"ack": 7})
    announce(service, install / "Connector.config", pid=os.getpid())

    result = run(VENDOR_ARGS)

    assert (result.code, result.stderr) == (1, KEPT_LINE.replace("4242", str(os.getpid())))


def test_the_wait_is_90_seconds_when_the_service_file_names_none(install, start_service):
    announce(start_service(ACK, DONE), install / "Connector.config")
    path = service_file_path(install / "Connector.config")
    content = json.loads(path.read_text())
    del content["wait_seconds"]
    path.write_text(json.dumps(content))

    assert live_service((install / "Connector.config").resolve()).wait_seconds == 90


# --- status and serve --stop: one request, one answer ------------------------------------------------------------

def test_ask_service_sends_the_request_with_the_secret_and_returns_the_answer(install, start_service):
    service = start_service({"running": True, "in_flight": 0})
    info = announce(service, install / "Connector.config")

    answer = ask_service(info, {"kind": "status"}, timeout=1)

    assert answer == {"running": True, "in_flight": 0}
    assert service.received == [{"kind": "status", "secret": SECRET}]


@pytest.mark.parametrize("answers", [(), (b"garbage\n",)])
def test_ask_service_without_an_answer_object_is_none(install, start_service, answers):
    service = start_service(*answers, hold=True)
    info = announce(service, install / "Connector.config")

    assert ask_service(info, {"kind": "stop"}, timeout=0.2) is None


def test_ask_service_on_a_closed_port_is_none(install):
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()

    assert ask_service(announce(None, install / "Connector.config", port=port), {"kind": "status"}, 0.2) is None


def test_live_service_is_the_one_serving_this_config(install, start_service):
    service = start_service()
    info = announce(service, install / "Connector.config")

    assert live_service((install / "Connector.config").resolve()) == info


# --- which runs hand off ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("argv", "wanted"), [
    (VENDOR_ARGS, True),
    (["report", *VENDOR_ARGS], True),
    (["recover", *VENDOR_ARGS], True),
    (["-c", "X.config", *VENDOR_ARGS], True),
    (["--config=X.config", "recover", *VENDOR_ARGS], True),
    (["report", "--help"], False),
    ([*VENDOR_ARGS, "-h"], False),
    (["--version"], False),
    ([], False),
    (["-c", "X.config"], False),
    (["explain", *VENDOR_ARGS], False),
    (["check"], False),
    (["serve"], False),
    (["status"], False),
    (["retry"], False),
    (["no-such-command"], False),
])
def test_report_recover_and_bare_vendor_arguments_hand_off(argv, wanted):
    assert wants_handoff(argv) is wanted


# --- the hand-off path stays light -------------------------------------------------------------------------------

HEAVY = ("pydantic", "httpx", "dependency_injector", "rich", "dotenv", "cryptography", "sqlite3", "_sqlite3")
LIGHT_SCRIPT = """
import io, sys
from summit_connector.entrypoints.handoff import handed_off, wants_handoff
argv = {argv!r}
assert wants_handoff(argv)
code = handed_off(argv, io.StringIO(), io.StringIO(), {{"SUMMIT_CONNECTOR_CONFIG": {config!r}}})
print(code, " ".join(sorted({{name.split(".")[0] for name in sys.modules}} & set({heavy!r}))))
"""


@pytest.mark.parametrize("with_service_file", [False, True])
def test_the_handoff_path_imports_no_third_party_module_and_no_sqlite3(install, start_service, with_service_file):
    if with_service_file:
        announce(start_service({"refused": "stopping"}), install / "Connector.config")
    script = LIGHT_SCRIPT.format(argv=VENDOR_ARGS, config=str(install / "Connector.config"), heavy=HEAVY)

    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)

    assert done.stdout.strip() == "None"
