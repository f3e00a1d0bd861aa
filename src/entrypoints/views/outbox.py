"""What `outbox` prints: a table on a terminal; one line per entry otherwise, so the output can be searched."""

from typing import TextIO

from summit_connector.application.ports import KeptEvent, KeptState

_ADVICE = {
    KeptState.PENDING: "replayed by the next report or `summit-connector retry`",
    KeptState.REJECTED: "Summit refused it: fix the template, then `summit-connector retry --rejected`",
    KeptState.UNCERTAIN: "Summit may have created it: look in Summit first, then `retry --uncertain` if not",
}
_COLUMNS = ("id", "state", "kept at", "job", "ticket", "attempts", "last error", "next step")


def show(stdout: TextIO, entries: list[KeptEvent]) -> None:
    if not entries:
        print("The outbox is empty: every failure was delivered.", file=stdout)
    elif stdout.isatty():
        _print_table(stdout, [_row(kept) for kept in entries])
    else:
        for kept in entries:
            print(" | ".join(f"{name}: {value}" for name, value in zip(_COLUMNS, _row(kept)) if value), file=stdout)


def _print_table(stdout: TextIO, rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(rows)} kept failure(s)")
    for column in _COLUMNS:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    Console(file=stdout, highlight=False).print(table)


def _row(kept: KeptEvent) -> list[str]:
    event = kept.event
    job = f"{event.job} ({event.schedule}, {event.schedule_date}, {event.schedule_id}/{event.schedule_instance})"
    return [str(kept.id), kept.state.value, kept.kept_at.isoformat(sep=" ", timespec="seconds"), job,
            kept.ticket_number, str(kept.attempts), kept.last_error, _ADVICE[kept.state]]
