"""What the demo shows, with rich: the incident Summit holds, what OpCon holds, the attached log."""

from typing import TextIO

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from summit_connector.application.report import ReportOutcome
from summit_connector.entrypoints.views.outcomes import summary_line

_SHOWN_FIELDS = ("Status", "Description", "Assigned_WorkGroup_Name", "Category_Name", "Priority_Name",
                 "Impact_Name", "Urgency_Name", "Source", "Caller_EmailID")


def show(stream: TextIO, outcome: ReportOutcome, emulator, job_id: str) -> None:
    console = Console(file=stream, highlight=False)
    console.print(Panel.fit(f"Reported: {outcome.event.job} of {outcome.event.schedule} "
                            f"({outcome.event.schedule_date}), termination {outcome.event.termination}",
                            title="OpCon job failed"))
    with emulator.state.lock:
        incident = emulator.state.incidents[outcome.ticket_number]
        job = emulator.state.jobs[job_id]
        console.print(_incident_table(outcome.ticket_number, incident))
        console.print(_opcon_table(job))
        console.print(_attachments_table(incident.attachments))
    for warning in outcome.warnings:
        console.print(f"warning: {warning}")
    console.print(summary_line(outcome), soft_wrap=True)


def _incident_table(ticket: str, incident) -> Table:
    table = _two_columns(f"Summit received incident {ticket}")
    for name in _SHOWN_FIELDS:
        if name in incident.fields or name == "Status":
            table.add_row(name, str(incident.fields.get(name, incident.status)))
    table.add_row("Information", "\n".join(incident.information))
    for field in incident.custom_fields:
        table.add_row(f"Custom: {field.get('GroupName')} / {field.get('Name')}", str(field.get("Value")))
    return table


def _opcon_table(job) -> Table:
    table = _two_columns(f"OpCon daily job {job.id} now holds")
    table.add_row("Incident Ticket ID", job.incident_ticket_id)
    table.add_row("Incident ticket URL", job.incident_ticket_url)
    return table


def _attachments_table(attachments: list[tuple[str, bytes]]) -> Table:
    table = Table(title="Job log attached to the incident")
    table.add_column("file")
    table.add_column("bytes", justify="right")
    table.add_column("last line")
    for name, content in attachments:
        lines = content.decode("utf-8", "replace").strip().splitlines()
        table.add_row(name, str(len(content)), lines[-1] if lines else "")
    return table


def _two_columns(title: str) -> Table:
    table = Table(title=title, show_header=False)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    return table
