"""Job output through JORS: POST /api/jobinstanceactions (LIST or FILE), then poll GET …/{id} (opcon-api.md §7)."""

import json
from datetime import timedelta
from typing import Any

from summit_connector.adapters.emulator.context import Context
from summit_connector.adapters.emulator.exchange import Request, Response, json_response
from summit_connector.adapters.emulator.opcon.async_actions import find_action, still_submitted
from summit_connector.adapters.emulator.opcon.date_times import wire_time
from summit_connector.adapters.emulator.opcon.error_shapes import bad_request, object_body
from summit_connector.adapters.emulator.records import Job, JorsAction


def submit(ctx: Context, request: Request) -> Response:
    body = object_body(request)
    action = str(body.get("action") or "").upper()
    items = body.get("jobInstanceActionItems")
    if action not in ("LIST", "FILE"):
        raise bad_request("action must be LIST or FILE.")
    if not isinstance(items, list) or not items or not all(isinstance(item, dict) for item in items):
        raise bad_request("jobInstanceActionItems must list at least one item.")
    record = JorsAction(ctx.state.take_next("action"), action, items, ctx.settings.jors_pending_polls)
    ctx.state.actions[record.id] = record
    return json_response(_submitted(ctx, record))


def poll(ctx: Context, request: Request, action: str) -> Response:
    record = find_action(ctx.state.actions, action, "Job instance action", request.path)
    return json_response(_submitted(ctx, record) if still_submitted(record) else _completed(ctx, record))


def _submitted(ctx: Context, record: JorsAction) -> dict[str, Any]:
    items = [{**item, "result": "submitted"} for item in record.items]
    return _action_json(ctx, record, "submitted", None, items)


def _completed(ctx: Context, record: JorsAction) -> dict[str, Any]:
    complete = _list_item if record.action == "LIST" else _file_item
    items = [complete(ctx, item) for item in record.items]
    failure = next((item["message"] for item in items if item["result"] == "failed"), None)
    return _action_json(ctx, record, "failed" if failure else "success", failure, items)


def _action_json(ctx: Context, record: JorsAction, result: str, message: str | None,
                 items: list[dict[str, Any]]) -> dict[str, Any]:
    expires = wire_time(ctx.clock() + timedelta(hours=1))
    return {"id": record.id, "action": record.action, "result": result, "message": message,
            "jobInstanceActionItems": items, "expires": expires}


def _list_item(ctx: Context, item: dict[str, Any]) -> dict[str, Any]:
    job = _job(ctx, item)
    if job is None:
        return _failed(item, f"Job number {item.get('id')} was not found in the Daily.")
    return {**item, "result": "success", "message": None, "files": list(job.output_files())}


def _file_item(ctx: Context, item: dict[str, Any]) -> dict[str, Any]:
    job = _job(ctx, item)
    if job is None:
        return _failed(item, f"Job number {item.get('id')} was not found in the Daily.")
    wanted = _requested_path(item.get("jorsRequestParameters"))
    content = _find_file(job.output_files(), wanted)
    if content is None:
        return _failed(item, f"File '{wanted}' was not found on the agent.")
    return {**item, "jorsRequestParameters": wanted, "result": "success", "message": None, "data": content}


def _job(ctx: Context, item: dict[str, Any]) -> Job | None:
    number = item.get("id")
    if isinstance(number, str) and number.strip().isdigit():
        number = int(number)
    return ctx.state.job_by_number(number) if isinstance(number, int) else None


def _requested_path(value: Any) -> str:
    """The LIST entry as sent back: raw (S2) or JSON-quoted a second time (S4's ConvertTo-Json)."""
    text = str(value or "")
    if len(text) > 1 and text.startswith('"') and text.endswith('"'):
        try:
            return str(json.loads(text))
        except ValueError:
            return text
    return text


def _find_file(files: dict[str, str], wanted: str) -> str | None:
    by_path = {path.lower(): content for path, content in files.items()}
    by_name = {_base_name(path).lower(): content for path, content in files.items()}
    return by_path.get(wanted.lower(), by_name.get(_base_name(wanted).lower()))


def _base_name(path: str) -> str:
    return path.replace("/", "\\").rsplit("\\", 1)[-1]


def _failed(item: dict[str, Any], message: str) -> dict[str, Any]:
    return {**item, "result": "failed", "message": message}
