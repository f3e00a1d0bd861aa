"""A real `summit-connector serve` process for end-to-end tests: started for a sandbox's Connector.config, ready
once its service.json names a port that answers, and always stopped by its pid (killed if it does not stop)."""

import json
import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.e2e.cli_runner import CLI

READY_SECONDS = 20.0


@dataclass
class ServiceProcess:
    process: subprocess.Popen
    folder: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def info(self) -> dict:
        return json.loads((self.folder / "service.json").read_text())

    @property
    def port(self) -> int:
        return int(self.info["port"])

    def get(self, path: str) -> tuple[int, str]:
        """A plain HTTP GET on the service's port: status and body."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as connection:
            connection.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode("ascii"))
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        head, _, body = answer.decode("utf-8").partition("\r\n\r\n")
        return int(head.split()[1]), body

    def stop(self, timeout: float = 30.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait(timeout=10)

    def output(self) -> tuple[str, str]:
        out, err = self.process.communicate(timeout=30) if self.process.poll() is not None else ("", "")
        return out, err


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMIT_CONNECTOR_")}
    env.update(extra or {})
    return env


def with_service_section(config: Path, **keys: object) -> None:
    """Appends (or replaces) the [SERVICE] section of a sandbox's Connector.config."""
    text = re.sub(r"\n\[SERVICE\][^\[]*", "\n", config.read_text())
    config.write_text(text + "\n[SERVICE]\n" + "".join(f"{key.upper()}={value}\n" for key, value in keys.items()))


@contextmanager
def running_service(config: Path, env: dict[str, str] | None = None) -> Iterator[ServiceProcess]:
    process = subprocess.Popen([str(CLI), "serve", "-c", str(config)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=environment(env), cwd=config.parent)
    service = ServiceProcess(process, config.parent)
    try:
        _wait_ready(service)
        yield service
    finally:
        service.stop()
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()


def _wait_ready(service: ServiceProcess) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if service.process.poll() is not None:
            raise AssertionError(f"serve exited {service.process.returncode}: {service.process.stderr.read()}")
        try:
            if service.info.get("pid") == service.pid:
                with socket.create_connection(("127.0.0.1", service.port), timeout=1):
                    return
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.05)
    raise AssertionError("serve did not become ready")
