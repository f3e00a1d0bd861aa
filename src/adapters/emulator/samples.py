"""The sample Daily that `sandbox`, `demo` and the end-to-end tests report against."""

from dataclasses import dataclass, fields
from datetime import date
from functools import partial

from summit_connector.adapters.emulator.records import Job
from summit_connector.adapters.emulator.state import EmulatorState

SAMPLE_DATE = date(2024, 9, 21)

_STDOUT = "Starting payroll extract\nReading input folder /data/payroll/in\n42 records read\n"
_STDERR = "ERROR: file /data/payroll/in/employees.csv not found\nExiting with code 1\n"


@dataclass(frozen=True)
class SampleJob:
    """One daily job, with what Notification Manager would pass for it: `agent` is `[[$MACHINE NAME]]`, the start
    machine, else the primary machine, else `N/A` (opcon-api.md §10), `termination` its termination description."""

    id: str
    uid: int
    name: str
    schedule: str
    schedule_id: int
    instance: int
    date: date
    agent: str
    termination: str
    job_number: int | None
    tags: tuple[str, ...] = ()
    ticket: str = ""

    def report_args(self) -> list[str]:
        """`-a … -s … -jn … -e … -sd … -si … -sn …` for `summit-connector report` (add `-t` and `-c`)."""
        return ["-a", self.agent, "-s", self.schedule, "-jn", self.name, "-e", self.termination,
                "-sd", self.date.isoformat(), "-si", str(self.schedule_id), "-sn", str(self.instance)]


@dataclass(frozen=True)
class Samples:
    """Seeded jobs by role; existing tickets 9001 (In-Progress), 9002 (Resolved) and 9003 (Closed)."""

    date: date
    plain: SampleJob
    spaces_and_dollar: SampleJob
    sub_schedule: SampleJob
    route1: SampleJob
    default_route: SampleJob
    workgroup: SampleJob
    category: SampleJob
    assign_to: SampleJob
    no_ticket: SampleJob
    open_ticket: SampleJob
    resolved_ticket: SampleJob
    closed_ticket: SampleJob

    def all(self) -> tuple[SampleJob, ...]:
        return tuple(getattr(self, f.name) for f in fields(self) if f.name != "date")


def seed_samples(state: EmulatorState, day: date = SAMPLE_DATE) -> Samples:
    """Three schedules (PAYROLL 16/1, `Nightly Batch$0002` 17/2, `Parent_Container[Sub]` 18/1) and their jobs.

    PAYROLL also holds `JOB001_2` and `MYJOB001`, which the wildcard `name=*JOB001*` (what SMA's clients send for
    JOB001) returns too.
    """
    payroll = state.add_schedule(day, 16, 1, "PAYROLL")
    nightly = state.add_schedule(day, 17, 2, "Nightly Batch$0002")
    sub = state.add_schedule(day, 18, 1, "Parent_Container[Sub]")
    add = partial(_add, state)
    samples = Samples(
        date=day,
        plain=add(payroll, "JOB001", job_type="UNIX", machine="UNIXAGENT01", termination="+000000001:0000:N",
                  documentation="Check the payroll input folder before restarting.",
                  job_output={"JOB001_0000004245.stdout": _STDOUT, "JOB001_0000004245.stderr": _STDERR},
                  job_number=4245),
        spaces_and_dollar=add(nightly, "Extract Daily $USER Files", termination="+000000002",
                              job_output={"extract.log": "extract failed\n"}),
        sub_schedule=add(sub, "Load[Customers]", termination="+000000003"),
        route1=add(payroll, "ROUTED_APP1", tags=("APP1_ROUTE1",)),
        default_route=add(payroll, "ROUTED_DEFAULT", tags=("APP_ONE",), termination="+000000255"),
        workgroup=add(payroll, "ROUTED_WRKGRP", tags=("APP1", "WRKGRP_DevOps", "TESTING")),
        category=add(payroll, "ROUTED_CATNAME", tags=("CATNAME_Elasticsearch",), termination="+000000002"),
        assign_to=add(payroll, "ROUTED_ASSIGNTO", tags=("ASSIGNTO_test",)),
        no_ticket=add(payroll, "NOTICKET_JOB", tags=("APP1_ROUTE1", "NOTICKET")),
        open_ticket=add(payroll, "TICKET_OPEN", ticket=("9001", "In-Progress")),
        resolved_ticket=add(payroll, "TICKET_RESOLVED", ticket=("9002", "Resolved")),
        closed_ticket=add(payroll, "TICKET_CLOSED", ticket=("9003", "Closed")),
    )
    for decoy in ("JOB001_2", "MYJOB001"):
        state.add_job(payroll, decoy)
    return samples


def _add(state: EmulatorState, schedule_id: str, name: str, *, tags: tuple[str, ...] = (),
         ticket: tuple[str, str] | None = None, **fields: object) -> SampleJob:
    number, status = ticket or ("", "")
    if ticket:
        state.add_incident(number, status, {"Description": f"Earlier failure of {name}"})
    return sample_job(state.jobs[state.add_job(schedule_id, name, tags=tags, incident_ticket_id=number, **fields)])


def sample_job(job: Job) -> SampleJob:
    schedule = job.schedule
    agent = job.start_machine or job.machine or "N/A"
    return SampleJob(job.id, job.uid, job.name, schedule.name, schedule.master_id, schedule.instance, schedule.date,
                     agent, job.termination, job.job_number, tuple(job.tags), job.incident_ticket_id)
