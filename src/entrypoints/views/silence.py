"""What `silence list` prints: a table on a terminal, one searchable line per silence otherwise, or JSON (B-13.2).

Each silence comes with whether it is active now, as the command read it.
"""

from typing import TextIO

from summit_connector.domain.silences import Silence

JSON_KEYS = ("id", "job", "schedule", "agent", "tag", "starts", "ends", "comment", "author", "active")
Listed = tuple[Silence, bool]


def as_json(listed: list[Listed]) -> list[dict[str, object]]:
    return [dict(zip(JSON_KEYS, _values(silence, active))) for silence, active in listed]


def show(stdout: TextIO, listed: list[Listed], include_expired: bool) -> None:
    if not listed:
        print("No silences." if include_expired else "No active silences.", file=stdout)
    elif stdout.isatty():
        _print_table(stdout, [[_text(value) for value in _values(*item)] for item in listed])
    else:
        for item in listed:
            pairs = zip(JSON_KEYS, _values(*item))
            print(" | ".join(f"{name}: {_text(value)}" for name, value in pairs if value != ""), file=stdout)


def _values(silence: Silence, active: bool) -> tuple[object, ...]:
    return (silence.id, silence.job, silence.schedule, silence.agent, silence.tag,
            silence.starts.isoformat(timespec="seconds"), silence.ends.isoformat(timespec="seconds"),
            silence.comment, silence.author, active)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _print_table(stdout: TextIO, rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(rows)} silence(s)")
    for column in JSON_KEYS:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))  # patterns such as `Job[*]` are not markup
    Console(file=stdout, highlight=False).print(table)
