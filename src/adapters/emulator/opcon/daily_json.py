"""OpCon's JSON for the Daily, keys as SMA's clients read them (opcon-api.md §4.1, §8).

A job's keys are those of SMA's Java client `model/dailyjob/DailyJob.java` (smatechnologies/opcon-rest-api-client-java
@ 07dadedae3a7): `startMachine` and `primaryMachine` are `model/machine/Machine.java` objects (`id` Integer, `name`,
`type` whose `description` picks the Java subtype), null when the job has none; `status` is `model/JobStatus.java`.
"""

import zlib
from typing import Any

from summit_connector.adapters.emulator.opcon.date_times import wire_midnight
from summit_connector.adapters.emulator.opcon.job_statuses import status_json
from summit_connector.adapters.emulator.records import Job, JobDocumentation, Schedule

_JOB_TYPES = {"Windows": 3, "UNIX": 6, "Container": 15, "Null Job": -1}
WORKDAYS_PER_WEEK = 5
"""`workWeek` is a number (Java client `model/DailySchedule.java`: `Integer`): the schedule's Workdays per Week,
5, 6 or 7 (opcon-docs `docs/utilities/SMA-Dynamic-Data-Input/Data-Input-Message-Elements.md`, `<skdwkdays>`)."""


def schedule_json(schedule: Schedule) -> dict[str, Any]:
    return {
        "id": schedule.id,
        "uid": schedule.uid,
        "date": wire_midnight(schedule.date),
        "dateAsInteger": int(f"{schedule.date:%Y%m%d}"),
        "masterId": schedule.master_id,
        "instance": schedule.instance,
        "name": schedule.name,
        "path": schedule.name,
        "status": {"id": 4, "description": "In Process", "category": "Running", "containsFailedJobs": True},
        "workWeek": WORKDAYS_PER_WEEK,
    }


def job_json(job: Job, with_documentation: bool) -> dict[str, Any]:
    return {
        "id": job.id,
        "uid": job.uid,
        "uniqueJobId": f"{job.schedule.name}|{job.name}",
        "name": job.name,
        "schedule": schedule_json(job.schedule),
        "jobType": {"id": _JOB_TYPES.get(job.job_type, 0), "description": job.job_type},
        "status": status_json(job.status, job.status_reason),
        "terminationDescription": job.termination,
        "startMachine": machine_json(job.start_machine, job.job_type),
        "primaryMachine": machine_json(job.machine, job.job_type),
        "tags": list(job.tags),
        "incidentTicketId": job.incident_ticket_id or None,
        "incidentTicketURL": job.incident_ticket_url or None,
        "documentation": documentation_json(job.documentation) if with_documentation else None,
        "jobNumber": job.job_number,
        "frequency": {"name": "Daily"},
    }


def machine_json(name: str | None, job_type: str) -> dict[str, Any] | None:
    """A Machine; its id is derived from its name, so one agent has one id across jobs."""
    if name is None:
        return None
    kind = {"id": _JOB_TYPES.get(job_type, 0), "description": job_type}
    return {"id": 1 + zlib.crc32(name.upper().encode("utf-8")) % 9999, "name": name, "type": kind}


def documentation_json(documentation: JobDocumentation) -> dict[str, Any]:
    return {"id": documentation.id, "job": documentation.job, "frequency": documentation.frequency}


def ticket_json(job: Job) -> dict[str, Any]:
    """The one DailyJobIncidentTicket a job can have; its id is always 1."""
    return {"id": 1, "ticketId": job.incident_ticket_id, "ticketUrl": job.incident_ticket_url}
