"""OpCon write endpoints: a daily job's incident ticket (by uid) and documentation (by daily job id).

Routes: opcon-api.md §2 (S9 lists DELETE …/documentation/{documentationId} too); the ticket resource: S10.
"""

from typing import Any

from summit_connector.adapters.emulator.context import Context
from summit_connector.adapters.emulator.exchange import Request, Response, json_response
from summit_connector.adapters.emulator.opcon.daily_json import documentation_json, ticket_json
from summit_connector.adapters.emulator.opcon.error_shapes import bad_request, not_found, object_body
from summit_connector.adapters.emulator.records import DocumentationWrite, Job, TicketWrite


def has_ticket(job: Job) -> bool:
    """A daily job has its one incident ticket exactly while it has a ticketId; a URL alone is no ticket."""
    return bool(job.incident_ticket_id.strip())


def get_tickets(ctx: Context, request: Request, uid: str) -> Response:
    job = _job_by_uid(ctx, request, uid)
    return json_response([ticket_json(job)] if has_ticket(job) else [])


def post_ticket(ctx: Context, request: Request, uid: str) -> Response:
    job = _job_by_uid(ctx, request, uid)
    body = object_body(request)
    if has_ticket(job):
        raise bad_request(f"Daily job {job.uid} already has an incident ticket; use PUT to change it.")
    return _write_ticket(ctx, job, "POST", body)


def put_ticket(ctx: Context, request: Request, uid: str, ticket: str) -> Response:
    job = _job_by_uid(ctx, request, uid)
    body = object_body(request)
    if not has_ticket(job) or ticket != "1":
        raise not_found(f"Incident ticket {ticket} of daily job {job.uid} was not found.", request.path)
    return _write_ticket(ctx, job, "PUT", body)


def delete_ticket(ctx: Context, request: Request, uid: str, ticket: str) -> Response:
    job = _job_by_uid(ctx, request, uid)
    if not has_ticket(job) or ticket != "1":
        raise not_found(f"Incident ticket {ticket} of daily job {job.uid} was not found.", request.path)
    ctx.state.incident_ticket_writes.append(TicketWrite(job.uid, "DELETE", None))
    job.incident_ticket_id = job.incident_ticket_url = ""
    return json_response(None)


def _write_ticket(ctx: Context, job: Job, method: str, body: dict[str, Any]) -> Response:
    ticket_id = body.get("ticketId")
    if not isinstance(ticket_id, str) or not ticket_id.strip():
        raise bad_request("ticketId is required.")
    ctx.state.incident_ticket_writes.append(TicketWrite(job.uid, method, body))
    job.incident_ticket_id = ticket_id
    job.incident_ticket_url = str(body.get("ticketUrl") or "")
    return json_response(ticket_json(job))


def get_documentation(ctx: Context, request: Request, id: str, doc: str = "") -> Response:
    job = _job_with_documentation(ctx, request, id, doc) if doc else job_by_id(ctx, request, id)
    return json_response(documentation_json(job.documentation))


def put_documentation(ctx: Context, request: Request, id: str, doc: str) -> Response:
    job = _job_with_documentation(ctx, request, id, doc)
    return _write_documentation(ctx, job, "PUT", object_body(request))


def delete_documentation(ctx: Context, request: Request, id: str, doc: str) -> Response:
    job = _job_with_documentation(ctx, request, id, doc)
    ctx.state.documentation_writes.append(DocumentationWrite(job.id, "DELETE", None))
    job.documentation.job = job.documentation.frequency = None
    return json_response(None)


def post_documentation(ctx: Context, request: Request, id: str) -> Response:
    job = job_by_id(ctx, request, id)
    return _write_documentation(ctx, job, "POST", object_body(request))


def _write_documentation(ctx: Context, job: Job, method: str, body: dict[str, Any]) -> Response:
    if "job" in body and body["job"] is not None and not isinstance(body["job"], str):
        raise bad_request("job must be a string.")
    ctx.state.documentation_writes.append(DocumentationWrite(job.id, method, body))
    job.documentation.job = body.get("job")
    if "frequency" in body:
        job.documentation.frequency = body["frequency"]
    return json_response(documentation_json(job.documentation))


def _job_by_uid(ctx: Context, request: Request, uid: str) -> Job:
    if not uid.lstrip("-").isdigit():
        raise bad_request(f"The value '{uid}' is not valid for jobId: a daily job uid is a number.")
    job = ctx.state.job_by_uid(int(uid))
    if job is None:
        raise not_found(f"Daily job with uid {uid} was not found.", request.path)
    return job


def job_by_id(ctx: Context, request: Request, id: str) -> Job:
    job = ctx.state.jobs.get(id)
    if job is None:
        raise not_found(f"Daily job '{id}' was not found.", request.path)
    return job


def _job_with_documentation(ctx: Context, request: Request, id: str, doc: str) -> Job:
    job = job_by_id(ctx, request, id)
    if doc != str(job.documentation.id):
        raise not_found(f"Documentation {doc} of daily job '{id}' was not found.", request.path)
    return job
