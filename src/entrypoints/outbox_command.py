"""`summit-connector outbox`: the failures kept for a later delivery, oldest first."""

from typing import TextIO

from summit_connector.application.ports import KeptEvent, KeptState
from summit_connector.entrypoints.exit_codes import ExitCode

_ADVICE = {
    KeptState.PENDING: "replayed by the next report or `summit-connector retry`",
    KeptState.REJECTED: "Summit refused it: fix the template, then `summit-connector retry --rejected`",
    KeptState.UNCERTAIN: "Summit may have created it: look in Summit first, then `retry --uncertain` if not",
}


def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    from rich.console import Console
    from rich.table import Table

    from summit_connector.adapters.config.connector_config import load_connector_config
    from summit_connector.entrypoints.settings import config_path
    from summit_connector.entrypoints.wiring import delivery_outbox

    config = load_connector_config(config_path(args.config, environ), environ)
    entries = delivery_outbox(config).pending(set(KeptState))
    console = Console(file=stdout, highlight=False)
    if not entries:
        console.print("The outbox is empty: every failure was delivered.")
        return ExitCode.OK
    table = Table(title=f"{len(entries)} kept failure(s)")
    for column in ("id", "state", "kept at", "job", "ticket", "attempts", "last error", "next step"):
        table.add_column(column, overflow="fold")
    for kept in entries:
        table.add_row(*_row(kept))
    console.print(table)
    return ExitCode.OK


def _row(kept: KeptEvent) -> list[str]:
    event = kept.event
    job = f"{event.job} ({event.schedule}, {event.schedule_date}, {event.schedule_id}/{event.schedule_instance})"
    return [str(kept.id), kept.state.value, kept.kept_at.isoformat(sep=" ", timespec="seconds"), job,
            kept.ticket_number, str(kept.attempts), kept.last_error, _ADVICE[kept.state]]
