"""Everything the emulator remembers, behind one lock: the Daily, the Summit tenant and what clients sent."""

import threading
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from summit_connector.adapters.emulator.opcon.job_statuses import STATUSES, status_named
from summit_connector.adapters.emulator.records import (
    DEFAULT_MACHINE, EXIT_CODE_1, DocumentationWrite, Incident, Job, JobActionRequest, JobDocumentation, JorsAction,
    LoggedRequest, Schedule, TicketWrite,
)

FIRST_TICKET = 10001


class EmulatorState:
    """Hold `lock` while reading several fields at once; the request handlers hold it while they change things.

    `jobs` by daily job id, `schedules` by daily schedule id, `incidents` by ticket number (str), `job_actions`
    (every POST /api/jobactions accepted, by id, in the order received),
    `incident_ticket_writes`/`documentation_writes` (POST/PUT/DELETE bodies as received), `requests`
    (every request, faulted ones included), `counters` (`"opcon"`, `"summit"`, `"opcon:GET api/dailyjobs"`,
    `"summit:IM_LogOrUpdateIncident"`, `"summit:Summit_UploadAttachmentBase64Encoded"`, `"faults"`).
    `clock` is the emulator's: it stamps when incidents are logged and changed.
    """

    def __init__(self, clock: Callable[[], datetime] = datetime.now) -> None:
        self.lock = threading.RLock()
        self.clock = clock
        self.clear()

    def clear(self) -> None:
        with self.lock:
            self.schedules: dict[str, Schedule] = {}
            self.jobs: dict[str, Job] = {}
            self.incidents: dict[str, Incident] = {}
            self.actions: dict[int, JorsAction] = {}
            self.job_actions: dict[int, JobActionRequest] = {}
            self.incident_ticket_writes: list[TicketWrite] = []
            self.documentation_writes: list[DocumentationWrite] = []
            self.requests: list[LoggedRequest] = []
            self.counters: Counter[str] = Counter()
            self._next = Counter(schedule_uid=101, job_uid=5001, job_number=4245, ticket=FIRST_TICKET, action=1)

    def take_next(self, kind: str) -> int:
        with self.lock:
            value = self._next[kind]
            self._next[kind] += 1
            return value

    def _claim(self, kind: str, wanted: int | None) -> int:
        """`wanted`, or the next free number; later automatic numbers never repeat a wanted one."""
        if wanted is None:
            return self.take_next(kind)
        self._next[kind] = max(self._next[kind], wanted + 1)
        return wanted

    def record(self, log: LoggedRequest) -> None:
        with self.lock:
            self.requests.append(log)
            self.counters[log.api] += 1

    def count(self, key: str) -> None:
        with self.lock:
            self.counters[key] += 1

    def add_schedule(self, day: date | str, master_id: int, instance: int, name: str) -> str:
        day = date.fromisoformat(day) if isinstance(day, str) else day
        schedule_id = f"{day:%Y%m%d}|{master_id}|{instance}"
        with self.lock:
            uid = self.take_next("schedule_uid")
            self.schedules[schedule_id] = Schedule(schedule_id, uid, day, master_id, instance, name)
        return schedule_id

    def add_job(self, schedule_id: str, name: str, *, uid: int | None = None, job_number: int | None = None,
                documentation: str = "", **fields: Any) -> str:
        """Adds a job to a schedule added before; `fields` are further `Job` fields (tags, job_output...).
        The job started on its primary `machine` unless `start_machine` says otherwise."""
        fields["tags"] = list(fields.get("tags", ()))
        fields.setdefault("start_machine", fields.get("machine", DEFAULT_MACHINE))
        with self.lock:
            schedule = self.schedules[schedule_id]
            uid = self._claim("job_uid", uid)
            number = self._claim("job_number", job_number)
            job = Job(f"{schedule_id}|{name}", uid, name, schedule, JobDocumentation(uid, documentation or None),
                      number, **fields)
            self.jobs[job.id] = job
        return job.id

    def add_failed_job(self, schedule: str, day: date | str, master_id: int, instance: int, job: str, *,
                       tags: Iterable[str] = (), start_machine: str | None = DEFAULT_MACHINE,
                       primary_machine: str | None = DEFAULT_MACHINE, termination: str = EXIT_CODE_1,
                       status: str = "Failed", **fields: Any) -> str:
        """A job that ended in the Daily with no Notification Manager run behind it (B-15.1's missed failure).

        The daily schedule is added unless the Daily has it already (same date, master id and instance, and then the
        same name). `status` is a description or a category (`"Failed"`, `"Finished Ok"`, `"Marked Failed"`);
        `fields` are further `Job` fields (incident_ticket_id, documentation, job_output, job_type...).
        Returns the daily job id."""
        description = status_named(status)
        with self.lock:
            schedule_id = self._schedule_for(schedule, day, master_id, instance)
            job_id = self.add_job(schedule_id, job, tags=tags, machine=primary_machine, start_machine=start_machine,
                                  termination=termination, **fields)
            self.jobs[job_id].status = description
        return job_id

    def _schedule_for(self, name: str, day: date | str, master_id: int, instance: int) -> str:
        day = date.fromisoformat(day) if isinstance(day, str) else day
        schedule = self.schedules.get(f"{day:%Y%m%d}|{master_id}|{instance}")
        if schedule is None:
            return self.add_schedule(day, master_id, instance, name)
        if schedule.name != name:
            raise ValueError(f"Daily schedule {schedule.id} is '{schedule.name}', not '{name}'.")
        return schedule.id

    def add_incident(self, ticket_no: str | int, status: str, fields: dict[str, Any] | None = None) -> Incident:
        """An incident the tenant holds already, logged now by the emulator's clock."""
        with self.lock:
            number = self._claim("ticket", int(ticket_no))
            now = self.clock()
            incident = Incident(str(number), 500000 + number, status, dict(fields or {}), logged_at=now,
                                updated_at=now)
            self.incidents[incident.ticket_no] = incident
        return incident

    def set_incident_status(self, ticket_no: str | int, status: str) -> None:
        """What an analyst does in the Summit UI; recorded in the change history."""
        with self.lock:
            incident = self.incidents[str(ticket_no)]
            incident.history.append({"column_name": "Status", "OldValue": incident.status, "new_Value": status})
            incident.status = status
            incident.updated_at = self.clock()

    def set_incident_fields(self, ticket_no: str | int, **fields: Any) -> None:
        """An analyst edits Ticket fields in the Summit UI (`Medium="Phone"`); each change is in the history."""
        with self.lock:
            incident = self.incidents[str(ticket_no)]
            for name, value in fields.items():
                incident.history.append({"column_name": name, "OldValue": incident.fields.get(name),
                                         "new_Value": value})
                incident.fields[name] = value
            incident.updated_at = self.clock()

    def set_job_status(self, job_id: str, status: str, reason: str | None = None) -> None:
        """What an operator (or SAM) does to the daily job; `status` is a description, e.g. "Finished OK"."""
        if status not in STATUSES:
            raise ValueError(f"Unknown job status '{status}'; known: {', '.join(STATUSES)}.")
        with self.lock:
            job = self.jobs[job_id]
            job.status, job.status_reason = status, reason

    def remove_job(self, job_id: str) -> None:
        """The daily job leaves the Daily (as when old days are purged): OpCon answers 404 for it from now on."""
        with self.lock:
            del self.jobs[job_id]

    def job_by_uid(self, uid: int) -> Job | None:
        return next((job for job in self.jobs.values() if job.uid == uid), None)

    def job_by_number(self, number: int) -> Job | None:
        return next((job for job in self.jobs.values() if job.job_number == number), None)
