"""OpCon read endpoints: version, tokens, daily schedules and daily jobs (filters behave like OpCon's)."""

import re
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from summit_connector.adapters.emulator.context import Context
from summit_connector.adapters.emulator.exchange import Request, Response, json_response
from summit_connector.adapters.emulator.opcon.daily_json import job_json, schedule_json
from summit_connector.adapters.emulator.opcon.date_times import wire_time
from summit_connector.adapters.emulator.opcon.error_shapes import bad_request, not_found
from summit_connector.adapters.emulator.opcon.job_statuses import STATUSES
from summit_connector.adapters.emulator.opcon.name_filters import name_matcher
from summit_connector.adapters.emulator.records import Job, Schedule

VERSION = "21.2.0-emulator"


def version(ctx: Context, request: Request) -> Response:
    return json_response({"opConRestApiProductVersion": VERSION})


def token(ctx: Context, request: Request) -> Response:
    now = ctx.clock()
    return json_response({
        "id": ctx.opcon_token,
        "user": {"id": 1, "loginName": "ocadm"},
        "tokenType": {"id": "SummitConnector", "type": "Application"},
        "validFrom": wire_time(now), "validUntil": wire_time(now + timedelta(days=365)),
        "passwordExpired": False,
    })


def service_status(ctx: Context, request: Request) -> Response:
    return json_response({"timeStamp": wire_time(ctx.clock()), "running": True})


def list_schedules(ctx: Context, request: Request) -> Response:
    checks = [*_date_checks(request, lambda s: s), *_name_checks(request, "name", lambda s: s.name)]
    if ids := request.param_list("ids"):
        checks.append(lambda s: s.id in ids)
    rows = [schedule_json(s) for s in _sorted(ctx.state.schedules.values()) if all(c(s) for c in checks)]
    return _page(request, rows)


def get_schedule(ctx: Context, request: Request, id: str) -> Response:
    schedule = ctx.state.schedules.get(id)
    if schedule is None:
        raise not_found(f"Daily schedule '{id}' was not found.", request.path)
    return json_response(schedule_json(schedule))


def list_jobs(ctx: Context, request: Request) -> Response:
    checks = _job_checks(request)
    jobs = sorted(ctx.state.jobs.values(), key=lambda j: (j.schedule.date, j.schedule.master_id, j.name))
    rows = [job_json(job, request.flag("includeDocumentation")) for job in jobs if all(c(job) for c in checks)]
    return _page(request, rows)


def get_job(ctx: Context, request: Request, id: str) -> Response:
    job = ctx.state.jobs.get(id)
    if job is None:
        raise not_found(f"Daily job '{id}' was not found.", request.path)
    return json_response(job_json(job, with_documentation=True))


def _job_checks(request: Request) -> list[Callable[[Job], bool]]:
    checks = [*_date_checks(request, lambda j: j.schedule), *_name_checks(request, "name", lambda j: j.name),
              *_name_checks(request, "jobName", lambda j: j.name),
              *_name_checks(request, "scheduleName", lambda j: j.schedule.name)]
    exact: dict[str, Callable[[Job], str]] = {
        "ids": lambda j: j.id, "uids": lambda j: str(j.uid), "scheduleIds": lambda j: j.schedule.id,
        "jobNumber": lambda j: str(j.job_number)}
    for name, key in exact.items():
        if wanted := request.param_list(name):
            checks.append(lambda j, key=key, wanted=wanted: key(j) in wanted)
    if tags := request.param_list("tags"):
        checks.append(lambda j: any(tag in j.tags for tag in tags))
    if statuses := request.param_list("status"):
        wanted = {_squeezed(status) for status in statuses}
        checks.append(lambda j: _squeezed(STATUSES[j.status].category) in wanted)
    return checks


def _squeezed(category: str) -> str:
    """`underReview` (the query value) and `Under Review` (the category) compare equal."""
    return category.replace(" ", "").lower()


def _date_checks(request: Request, schedule_of: Callable[[Any], Schedule]) -> list[Callable[[Any], bool]]:
    dates = request.param_list("dates")
    for value in dates:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise bad_request(f"The value '{value}' is not valid for Dates.")
    return [lambda row: schedule_of(row).date.isoformat() in dates] if dates else []


def _name_checks(request: Request, param: str, name_of: Callable[[Any], str]) -> list[Callable[[Any], bool]]:
    value = request.param(param)
    if not value:
        return []
    matches = name_matcher(value)
    return [lambda row: matches(name_of(row))]


def _sorted(schedules: Iterable[Schedule]) -> list[Schedule]:
    return sorted(schedules, key=lambda s: (s.date, s.master_id, s.instance))


def _page(request: Request, rows: list[dict[str, Any]]) -> Response:
    headers = (("TotalResourceCount", str(len(rows))),) if request.flag("includeCount") else ()
    offset = _int_param(request, "offset", 0)
    limit = _int_param(request, "limit", len(rows))
    return json_response(rows[offset:offset + limit], headers=headers)


def _int_param(request: Request, name: str, default: int) -> int:
    value = request.param(name)
    if not value:
        return default
    if not value.isdigit():
        raise bad_request(f"The value '{value}' is not valid for {name}.")
    return int(value)
