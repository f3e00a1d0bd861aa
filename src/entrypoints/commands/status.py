"""`summit-connector status [-c CONFIG] [--json]` (B-14.5): whether a service runs for this Connector.config, what
waits in the outbox, the last success and the last error, and what a run does now (hand it off, or deliver inline).
Exit 0 when a service runs, 3 when none does."""

import json

from summit_connector.entrypoints.command_line import config_path
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.invocation import Invocation


def run(invocation: Invocation) -> ExitCode:
    from summit_connector.entrypoints.handoff import ask_service, live_service
    from summit_connector.entrypoints.views.status import as_text, service_status

    config = config_path(invocation.args.config, invocation.environ).resolve()
    info = live_service(config) if config.is_file() else None
    answer = ask_service(info, {"kind": "status"}, 2.0) if info is not None else None
    running = info if isinstance(answer, dict) and isinstance(answer.get("status"), dict) else None
    status = service_status(invocation.root(), running, answer["status"] if running else {})
    print(json.dumps(status) if invocation.args.json else as_text(status), file=invocation.stdout)
    return ExitCode.OK if running else ExitCode.NOT_DELIVERED
