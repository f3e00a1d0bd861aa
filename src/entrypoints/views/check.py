"""What `check` prints: a rich table on a terminal, one plain line per finding elsewhere, then a summary line."""

from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from summit_connector.domain.findings import Finding, Severity, count

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan", Severity.OK: "green"}


def show(stream: TextIO, findings: list[Finding], config: str, templates: int) -> None:
    """The layout follows the stream alone (FORCE_COLOR may colour it, never turn a pipe into a table)."""
    console = Console(file=stream, highlight=False)
    if findings and stream.isatty():
        console.print(_table(findings))
    elif findings:
        stream.write("".join(f"{plain_line(finding)}\n" for finding in findings))
    console.print(Text(summary(findings, config, templates)), soft_wrap=True)


def plain_line(finding: Finding) -> str:
    """`warning: templates/a.json: rules: <problem> (fix: <hint>)`, the B-1.4 shape with the severity first."""
    parts = (finding.severity.value, finding.file, finding.location, finding.message)
    fix = f" (fix: {finding.hint})" if finding.hint else ""
    return ": ".join(part for part in parts if part) + fix


def summary(findings: list[Finding], config: str, templates: int) -> str:
    """`OK: Connector.config and 3 templates` or `2 errors, 1 warning in Connector.config and 3 templates`."""
    errors, warnings = count(findings, Severity.ERROR), count(findings, Severity.WARNING)
    what = f"{config} and {_plural(templates, 'template')}"
    if not errors and not warnings:
        return f"OK: {what}"
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {what}"


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _table(findings: list[Finding]) -> Table:
    table = Table(show_lines=True)
    for column in ("file", "location", "severity", "finding", "fix"):
        table.add_column(column, overflow="fold")
    for finding in findings:
        severity = Text(finding.severity.value, style=_STYLES[finding.severity])
        table.add_row(Text(finding.file), Text(finding.location), severity, Text(finding.message), Text(finding.hint))
    return table
