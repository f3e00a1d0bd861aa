"""Job actions: POST /api/jobactions, then poll GET /api/jobactions/{id} until it is no longer `submitted`.

Shape from SMA's Java client (@ 07dadedae3a7): `model/JobAction.java` `{id, action, result, jobs: [{id, result,
message, status}], expires, message, reason}`, `model/Result.java` (`submitted | success | failed`),
`api/jobactions/WsJobActions.java` (POST then GET by id). Which action a job's status allows: `job_statuses.py`.
"""

from datetime import timedelta
from typing import Any

from summit_connector.adapters.emulator.context import Context
from summit_connector.adapters.emulator.exchange import Request, Response, json_response
from summit_connector.adapters.emulator.opcon.async_actions import find_action, still_submitted
from summit_connector.adapters.emulator.opcon.date_times import wire_time
from summit_connector.adapters.emulator.opcon.error_shapes import bad_request, not_found, object_body
from summit_connector.adapters.emulator.opcon.job_statuses import ACTIONS, refusal, status_json
from summit_connector.adapters.emulator.records import JobActionRequest


def submit(ctx: Context, request: Request) -> Response:
    body = object_body(request)
    action, job_ids, reason = _action(body), _job_ids(body), _reason(body)
    if unknown := [job_id for job_id in job_ids if job_id not in ctx.state.jobs]:
        raise not_found(f"Daily job '{unknown[0]}' was not found.", request.path)
    record = JobActionRequest(ctx.state.take_next("action"), action, job_ids, reason,
                              ctx.settings.job_action_pending_polls)
    ctx.state.job_actions[record.id] = record
    return json_response(_action_json(ctx, record))


def poll(ctx: Context, request: Request, action: str) -> Response:
    record = find_action(ctx.state.job_actions, action, "Job action", request.path)
    if not still_submitted(record) and record.result == "submitted":
        _finish(ctx, record)
    return json_response(_action_json(ctx, record))


def _action(body: dict[str, Any]) -> str:
    action = body.get("action")
    if action not in ACTIONS:
        raise bad_request(f"action must be one of {', '.join(ACTIONS)}; got {action!r}.")
    return str(action)


def _job_ids(body: dict[str, Any]) -> list[str]:
    jobs = body.get("jobs")
    if not isinstance(jobs, list) or not jobs:
        raise bad_request("jobs must list at least one daily job as {\"id\": \"<daily job id>\"}.")
    ids = [job.get("id") if isinstance(job, dict) else None for job in jobs]
    if not all(isinstance(job_id, str) and job_id for job_id in ids):
        raise bad_request("Every entry of jobs needs the daily job id as text: {\"id\": \"yyyyMMdd|sid|inst|job\"}.")
    return ids


def _reason(body: dict[str, Any]) -> str | None:
    reason = body.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise bad_request("reason must be text.")
    return reason


def _finish(ctx: Context, record: JobActionRequest) -> None:
    """The transition is checked when OpCon carries the action out, against the job's status at that moment."""
    for job_id in record.job_ids:
        record.outcomes[job_id] = _carry_out(ctx, record, job_id)
    failed = any(result == "failed" for result, _ in record.outcomes.values())
    record.result = "failed" if failed else "success"


def _carry_out(ctx: Context, record: JobActionRequest, job_id: str) -> tuple[str, str | None]:
    job = ctx.state.jobs.get(job_id)
    if job is None:
        return "failed", f"Daily job '{job_id}' was not found."
    if why_not := refusal(record.action, job.status):
        return "failed", why_not
    job.status, job.status_reason = ACTIONS[record.action].becomes, record.reason
    return "success", None


def _action_json(ctx: Context, record: JobActionRequest) -> dict[str, Any]:
    messages = [message for _, message in record.outcomes.values() if message]
    return {"id": record.id, "action": record.action, "result": record.result, "jobs": _jobs_json(ctx, record),
            "expires": wire_time(ctx.clock() + timedelta(hours=1)), "message": messages[0] if messages else None,
            "reason": record.reason}


def _jobs_json(ctx: Context, record: JobActionRequest) -> list[dict[str, Any]]:
    rows = []
    for job_id in record.job_ids:
        result, message = record.outcomes.get(job_id, (record.result, None))
        job = ctx.state.jobs.get(job_id)
        status = status_json(job.status, job.status_reason) if job else None
        rows.append({"id": job_id, "result": result, "message": message, "status": status})
    return rows
