"""What the demo shows, with rich: each step, then the incident Summit holds, what OpCon holds, the attached log."""

from typing import TextIO

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from summit_connector.entrypoints.demo_service import Burst
from summit_connector.entrypoints.demo_story import Holdings, Step


def show(stream: TextIO, steps: list[Step]) -> None:
    console = Console(file=stream, highlight=False)
    for number, step in enumerate(steps, start=1):
        console.print(Panel.fit(Text(step.title), title=f"Step {number}" if len(steps) > 1 else "OpCon job failed"))
        _holdings(console, step.holdings)
        for warning in step.warnings:
            console.print(Text(f"warning: {warning}"))
        for line in step.said:
            console.print(Text(line), soft_wrap=True)


def _holdings(console: Console, holdings: Holdings) -> None:
    console.print(_two_columns(f"Summit received incident {holdings.ticket}", holdings.incident))
    console.print(_two_columns(f"OpCon daily job {holdings.job_id} now holds", holdings.job))
    if holdings.attachments:
        table = Table(title="Job log attached to the incident")
        for column, justify in (("file", "left"), ("bytes", "right"), ("last line", "left")):
            table.add_column(column, justify=justify)
        for name, size, last_line in holdings.attachments:
            table.add_row(Text(name), str(size), Text(last_line))
        console.print(table)


def _two_columns(title: str, rows: tuple[tuple[str, str], ...]) -> Table:
    table = Table(title=title, show_header=False)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for name, value in rows:
        table.add_row(Text(name), Text(value))
    return table


def show_bursts(stream: TextIO, bursts: list[Burst]) -> None:
    """`demo --service`: the same burst, inline and handed to the service, side by side."""
    console = Console(file=stream, highlight=False)
    table = Table(title="A burst of failures, as Notification Manager starts them (one process each, all at once)")
    for column, justify in (("delivered", "left"), ("failures", "right"), ("until the last run ended", "right"),
                            ("incidents", "right"), ("runs not exiting 0", "right")):
        table.add_column(column, justify=justify)
    for burst in bursts:
        table.add_row(Text(burst.how), str(burst.failures), f"{burst.seconds:.1f} s", str(burst.incidents),
                      str(burst.failed_runs))
    console.print(table)
