"""What `history` prints: a table on a terminal, one searchable line per event otherwise, or JSON (B-10.3)."""

from typing import TextIO

from summit_connector.application.ports import HistoryEvent

JSON_KEYS = ("time", "command", "trigger", "job", "schedule", "date", "action", "ticket", "exit_code", "reason")


def as_json(events: list[HistoryEvent]) -> list[dict[str, object]]:
    return [dict(zip(JSON_KEYS, _values(event))) for event in events]


def show(stdout: TextIO, events: list[HistoryEvent]) -> None:
    if not events:
        print("No history: no run has been recorded (for these filters).", file=stdout)
    elif stdout.isatty():
        _print_table(stdout, [[str(value) for value in _values(event)] for event in events])
    else:
        for event in events:
            pairs = zip(JSON_KEYS, _values(event))
            print(" | ".join(f"{name}: {value}" for name, value in pairs if value != ""), file=stdout)


def _values(event: HistoryEvent) -> tuple[object, ...]:
    return (event.time.isoformat(timespec="seconds"), event.command, event.trigger, event.job, event.schedule,
            event.date, event.action, event.ticket, event.exit_code, event.reason)


def _print_table(stdout: TextIO, rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(rows)} run(s), newest first")
    for column in JSON_KEYS:
        table.add_column(column.replace("_", " "), overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    Console(file=stdout, highlight=False).print(table)
