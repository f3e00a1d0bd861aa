"""PUT /api/dailyjobs/{id}: the whole daily job, as SMA's Java client writes it back (opcon-api.md §5.2).

`api/dailyjobs/WsDailyJobs.java` PUTs a `DailyJob` to its id and reads a `DailyJob` back; SMA's CLI tests set
`incidentTicketId` and `documentation.job` that way. Of the keys sent, `incidentTicketId`, `incidentTicketURL` and
the texts of a `documentation` object replace the job's; the emulator keeps nothing else a client could change.
"""

from typing import Any

from summit_connector.adapters.emulator.context import Context
from summit_connector.adapters.emulator.exchange import Request, Response, json_response
from summit_connector.adapters.emulator.opcon.daily_json import job_json
from summit_connector.adapters.emulator.opcon.error_shapes import bad_request, object_body
from summit_connector.adapters.emulator.opcon.writes import has_ticket, job_by_id
from summit_connector.adapters.emulator.records import Job

_TEXTS = ("incidentTicketId", "incidentTicketURL")


def put_job(ctx: Context, request: Request, id: str) -> Response:
    job = job_by_id(ctx, request, id)
    body = object_body(request)
    _check(body, id)
    _put_ticket(job, body)
    if isinstance(body.get("documentation"), dict):
        _put_documentation(job, body["documentation"])
    return json_response(job_json(job, with_documentation=True))


def _check(body: dict[str, Any], id: str) -> None:
    if body.get("id") not in (None, id):
        raise bad_request(f"The id in the body ('{body['id']}') is not the daily job '{id}' of the path.")
    if wrong := [name for name in _TEXTS if body.get(name) is not None and not isinstance(body[name], str)]:
        raise bad_request(f"{wrong[0]} must be text.")
    documentation = body.get("documentation")
    if documentation is not None and not _documentation_shape(documentation):
        raise bad_request("documentation must be an object {id, job, frequency} whose job and frequency are text.")


def _documentation_shape(value: Any) -> bool:
    texts = (value.get("job"), value.get("frequency")) if isinstance(value, dict) else (0,)
    return all(text is None or isinstance(text, str) for text in texts)


def _put_ticket(job: Job, body: dict[str, Any]) -> None:
    """A URL is kept only with a ticketId: clearing the id clears the ticket (writes.has_ticket)."""
    if "incidentTicketId" in body:
        job.incident_ticket_id = str(body["incidentTicketId"] or "").strip()
    if "incidentTicketURL" in body:
        job.incident_ticket_url = str(body["incidentTicketURL"] or "")
    if "incidentTicketId" in body and not has_ticket(job):
        job.incident_ticket_url = ""


def _put_documentation(job: Job, documentation: dict[str, Any]) -> None:
    for name in ("job", "frequency"):
        if name in documentation:
            setattr(job.documentation, name, documentation[name])
