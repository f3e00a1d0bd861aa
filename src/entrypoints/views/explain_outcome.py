"""The last step of `explain` as text: what report would do, send (API key masked) and write back to OpCon."""

import json

from summit_connector.domain.incident import view_url
from summit_connector.domain.plan import PlannedAction, ReportPlan
from summit_connector.entrypoints.commands.explain import Explanation, Lookup, SummitRequest

NEW_NUMBER = "<new ticket number>"


def outcome_lines(ex: Explanation) -> list[str]:
    """The decision first, then what OpCon would be given, the job log, and the dry-run reminder."""
    return [
        _decision(ex.plan),
        *_write_back(ex),
        *_job_log(ex),
        "dry run: nothing was sent to Summit, nothing was written to OpCon, no file was written",
    ]


def request_json(request: SummitRequest) -> str:
    """The body as report would send it, indented for reading; the API key is already `***`."""
    return json.dumps(request.body, indent=2, ensure_ascii=False)


def _decision(plan: ReportPlan) -> str:
    if plan.incident is not None:
        naming = f", naming closed ticket {plan.previous_ticket}" if plan.previous_ticket else ""
        return f"CREATE a new incident with status {plan.incident.status}{naming} ({plan.reason})"
    if plan.update is not None:
        verb = "REOPEN" if plan.action is PlannedAction.REOPEN else "UPDATE"
        update = plan.update
        return f"{verb} incident {update.ticket_number}: add this failure, status {update.status} ({plan.reason})"
    return f"NO INCIDENT (exit 0): {plan.reason}"


def _write_back(ex: Explanation) -> list[str]:
    job, plan = ex.job_input.job, ex.plan
    if plan.action is not PlannedAction.CREATE:
        return ["OpCon: nothing written back"]
    if job is None:
        return ["OpCon: nothing written back (the job is not in OpCon, B-4.3)"]
    assumed = " (offline: assuming OpCon holds the job)" if ex.job_input.lookup is Lookup.OFFLINE else ""
    url = view_url(ex.loaded.template, NEW_NUMBER)
    link = f" linked to {url}" if url else " without a link (the template has no viewIncident URL)"
    lines = [f"OpCon: Incident Ticket ID of job {job.name} := {NEW_NUMBER}{link}{assumed}"]
    if plan.documentation is not None:
        first = plan.documentation.text.splitlines()[0]
        lines.append(f"OpCon: documentation first line := {first!r}, the rest kept as it is")
    return lines


def _job_log(ex: Explanation) -> list[str]:
    if ex.request is None or ex.job_input.job is None:
        return []
    if not ex.loaded.template.rules.include_job_log_attachment:
        return ["job log: not attached (includeJobLogAttachment is false)"]
    return ["job log: report would fetch it from OpCon and attach it to the incident (explain does not fetch it)"]
