"""`summit-connector serve [-c CONFIG] [--stop]` (B-14): one warm process the Notification Manager command line hands
its runs to. Checked at start as `check` would (exit 2 on an error), one per state folder; `--stop` asks the running
one to stop and waits until it has."""

import time

from summit_connector.entrypoints.command_line import PROGRAM, config_path
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.invocation import Invocation

STOP_POLL_SECONDS = 0.1
STOP_GRACE_SECONDS = 5.0


def run(invocation: Invocation) -> ExitCode:
    if invocation.args.stop:
        return _stop(invocation)
    from summit_connector.entrypoints.checking import start_findings
    from summit_connector.entrypoints.service.serving import Service, one_service
    from summit_connector.entrypoints.views.check import show

    root = invocation.root()
    findings = start_findings(invocation)
    if findings:
        show(invocation.stderr, findings, str(config_path(invocation.args.config, invocation.environ)), 0)
        return ExitCode.INVALID_INPUT
    assert invocation.main is not None, "serve runs from the command line, which gives it its main"
    with one_service(root.config()):
        return Service(root, invocation.environ, invocation.stdout, invocation.stderr, invocation.main).serve()


def _stop(invocation: Invocation) -> ExitCode:
    from summit_connector.entrypoints.handoff import ask_service, live_service
    from summit_connector.entrypoints.service_file import read_service_file, service_file_path

    config = config_path(invocation.args.config, invocation.environ).resolve()
    info = live_service(config)
    if info is None or ask_service(info, {"kind": "stop"}, 2.0) is None:
        print(f"{PROGRAM}: no service runs for {config}", file=invocation.stderr)
        return ExitCode.NOT_DELIVERED
    print(f"Stopping the service (pid {info.pid}): deliveries in flight finish first.", file=invocation.stdout)
    path, deadline = service_file_path(config), time.monotonic() + info.wait_seconds + STOP_GRACE_SECONDS
    while read_service_file(path) == info and time.monotonic() < deadline:
        time.sleep(STOP_POLL_SECONDS)
    print("Stopped." if read_service_file(path) != info else "It has not stopped yet.", file=invocation.stdout)
    return ExitCode.OK
