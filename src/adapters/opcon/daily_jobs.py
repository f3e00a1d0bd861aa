"""OpCon's Daily tables over its REST API (B-4.2, B-4.3, B-4.10, B-15.1)."""

from collections.abc import Sequence
from datetime import date

import httpx

from summit_connector.adapters.opcon.failed_jobs import failed_query, failure_event, is_failed
from summit_connector.adapters.opcon.http import OpConHttp, Params, segment
from summit_connector.adapters.opcon.wire import JOBS, SCHEDULES, TICKETS, JobRow, ScheduleRow
from summit_connector.application.ports import DailyJobs
from summit_connector.domain.model import DailyJob, Documentation, FailedDailyJob, FailureEvent

_JOBS_SERVICE = "GET /api/dailyjobs"


class OpConDailyJobs(DailyJobs):
    def __init__(self, client: httpx.Client) -> None:
        self._api = OpConHttp(client)

    def find(self, event: FailureEvent) -> DailyJob | None:
        """Schedule row by date, masterId and instance; then the job by id, else by schedule and name.

        OpCon's filters are wildcards, so only a job whose `name` equals the event's job exactly is taken.
        """
        schedule = self._schedule(event)
        if schedule is None:
            return None
        row = self._job(schedule, event.job)
        return None if row is None else self._to_daily_job(row, row.id or f"{schedule.id}|{event.job}", event.job)

    def failed_on(self, dates: Sequence[date]) -> list[FailedDailyJob]:
        """One query for all the dates; rows whose status category is not `Failed` are left out, and a failed row
        that does not say which job it is raises OpConError (it is not dropped unseen)."""
        if not dates:
            return []
        rows = self._api.fetch("GET", "/api/dailyjobs", JOBS, params=failed_query(dates))
        return [self._failed(row) for row in rows if is_failed(row)]

    def record_ticket(self, job: DailyJob, ticket_number: str, ticket_url: str) -> None:
        path = f"/api/dailyjobs/{job.uid}/incidentTickets"
        existing = self._ticket_id(path)
        body = {"id": existing or 0, "ticketId": ticket_number, "ticketUrl": ticket_url}
        if existing:
            self._api.call("PUT", f"{path}/{existing}", body=body)
        else:
            self._api.call("POST", path, body=body)

    def write_documentation(self, job: DailyJob, documentation: Documentation) -> None:
        path = f"/api/dailyjobs/{segment(job.id)}/documentation"
        body = {"id": documentation.id, "job": documentation.text, "frequency": documentation.frequency}
        if documentation.id is None:
            self._api.call("POST", path, body=body)
        else:
            self._api.call("PUT", f"{path}/{segment(documentation.id)}", body=body)

    def _schedule(self, event: FailureEvent) -> ScheduleRow | None:
        params = {"dates": event.schedule_date.isoformat()}
        rows = self._api.fetch("GET", "/api/dailyschedules", SCHEDULES, params=params)
        wanted = (event.schedule_id, event.schedule_instance)
        rows = [row for row in rows if row.id and (row.master_id, row.instance) == wanted]
        return next((row for row in rows if row.name == event.schedule), next(iter(rows), None))

    def _job(self, schedule: ScheduleRow, name: str) -> JobRow | None:
        for params in _job_queries(schedule, name):
            rows = self._api.fetch("GET", "/api/dailyjobs", JOBS, params=params)
            match = next((row for row in rows if row.name == name and _belongs(row, schedule)), None)
            if match is not None:
                return match
        return None

    def _ticket_id(self, path: str) -> int | None:
        tickets = self._api.fetch("GET", path, TICKETS, none_if_absent=True)
        return next((ticket.id for ticket in tickets if ticket.id), None)

    def _failed(self, row: JobRow) -> FailedDailyJob:
        event = failure_event(row)
        if event is None:
            message = (f"OpCon listed failed daily job {row.id or row.name or '(no id)'} without its name, schedule "
                       "date, schedule id or instance")
            raise self._api.error(message, service=_JOBS_SERVICE)
        category = row.status.category if row.status is not None else ""
        return FailedDailyJob(event, self._to_daily_job(row, row.id or event.job_key, event.job), category or "")

    def _to_daily_job(self, row: JobRow, job_id: str, name: str) -> DailyJob:
        if row.uid is None:
            raise self._api.error(f"OpCon's daily job {job_id} has no uid", service=_JOBS_SERVICE)
        doc = row.documentation
        return DailyJob(
            id=job_id,
            uid=row.uid,
            name=name,
            job_number=row.job_number,
            tags=tuple(row.tags or ()),
            incident_ticket_id=row.incident_ticket_id or "",
            documentation=Documentation(doc.job or "", doc.id, doc.frequency) if doc else Documentation(),
        )


def _job_queries(schedule: ScheduleRow, name: str) -> tuple[Params, Params]:
    """By daily job id (B-4.2); then by schedule and name with `[`/`]` widened to `?`, as SMA's own scripts do."""
    widened = name.replace("[", "?").replace("]", "?")
    return (
        {"ids": f"{schedule.id}|{name}", "includeDocumentation": "true"},
        {"scheduleIds": str(schedule.id), "name": widened, "includeDocumentation": "true"},
    )


def _belongs(row: JobRow, schedule: ScheduleRow) -> bool:
    """The job's own schedule (when the reply says) is the row found; wildcards may bring in other schedules."""
    theirs = row.schedule
    if theirs is not None and theirs.id:
        return theirs.id == schedule.id
    if theirs is not None and theirs.master_id is not None:
        return (theirs.master_id, theirs.instance) == (schedule.master_id, schedule.instance)
    return row.id is None or row.id == f"{schedule.id}|{row.name}"
