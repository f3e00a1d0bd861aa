"""Small builders with overridable defaults for the domain and use-case tests."""

from dataclasses import dataclass
from datetime import date, datetime

from summit_connector.adapters.memory import (
    FixedClock,
    InMemoryDailyJobs,
    InMemoryIncidents,
    InMemoryJobLogs,
    InMemoryJournal,
    InMemorySilences,
)
from summit_connector.application.errors import OpConUnavailable, SummitUnavailable
from summit_connector.application.delivery import Delivery
from summit_connector.application.kept import KeptTraces
from summit_connector.application.ports import Clock, JobLocks, Journal, Outbox, Silences
from summit_connector.application.recover import RecoverJob
from summit_connector.application.settle import Healed
from summit_connector.application.report import ReportFailure
from summit_connector.domain.model import DailyJob, Documentation, FailureEvent, JobLog
from summit_connector.domain.decision import ReportDecision
from summit_connector.domain.incident import TicketReading
from summit_connector.domain.plan import plan_report
from summit_connector.domain.report_inputs import ReportInputs
from summit_connector.domain.settling import Settlement, SettleVerdict, Settling
from summit_connector.domain.template import (
    VENDOR_DEFAULT_ATTRIBUTES,
    Attribute,
    ReportPolicy,
    Rules,
    TagRule,
    Template,
)
from summit_connector.domain.working_hours import WEEKDAYS, DayWindow, WorkingHours, parse_hhmm

NOW = datetime(2024, 9, 23, 10, 30)
SCHEDULE_DATE = date(2024, 9, 23)
JOB_UID = 7001
VIEW_PATTERN = "https://{0}/Summit/IM_TicketDetail.aspx?ID={1}"
VIEW_HOST = "summit.example.com"

ROUTE1_TO_APPLICATION_ONE = TagRule("TAG_END", "ROUTE1", "Assigned_WorkGroup_Name", "Application One")
DEFAULT_TO_DEVOPS = TagRule("DEFAULT", "", "Assigned_WorkGroup_Name", "DevOps")
EXIT_ON_NOTICKET = TagRule("EXIT", "NOTICKET")


def make_event(**overrides: object) -> FailureEvent:
    values: dict = dict(
        agent="WINAGENT01",
        schedule="PAYROLL",
        job="JOB001",
        termination="-1",
        schedule_date=SCHEDULE_DATE,
        schedule_id=42,
        schedule_instance=1,
    )
    return FailureEvent(**{**values, **overrides})


def make_job(event: FailureEvent | None = None, documentation: str = "", **overrides: object) -> DailyJob:
    event = event or make_event()
    values: dict = dict(
        id=event.job_key,
        uid=JOB_UID,
        name=event.job,
        job_number=123456,
        documentation=Documentation(documentation, id=55, frequency="Daily"),
    )
    return DailyJob(**{**values, **overrides})


def make_template(**overrides: object) -> Template:
    values: dict = dict(
        ticket_description="OpCon job @EV_Job failed",
        ticket_information="Job @EV_Job of @EV_Schedule on @EV_Agent ended @EV_errorcode",
        view_incident_url=VIEW_PATTERN,
        view_host=VIEW_HOST,
    )
    return Template(**{**values, **overrides})


def vendor_routing_template(
    rules: Rules | None = None, extra_tags: tuple[TagRule, ...] = (), **overrides: object
) -> Template:
    """The vendor docs' tag rules: TAG_END "ROUTE1" → Application One, DEFAULT → DevOps."""
    rules = rules or Rules(include_tag_routing=True)
    return make_template(rules=rules, tags=(ROUTE1_TO_APPLICATION_ONE, DEFAULT_TO_DEVOPS, *extra_tags), **overrides)


def make_settings(*, daily_start_hour: int = 0, max_joblog_bytes: int = 5 * 2**20, **defaults: str) -> ReportPolicy:
    """The vendor [DEFAULTS] (B-2.2), any of them overridden by name: `make_settings(Category_Name="Oracle")`."""
    merged = {**VENDOR_DEFAULT_ATTRIBUTES, **defaults}
    return ReportPolicy(tuple(Attribute(k, v) for k, v in merged.items()), daily_start_hour, max_joblog_bytes)


def attributes(**values: str) -> tuple[Attribute, ...]:
    return tuple(Attribute(name, value) for name, value in values.items())


def working_hours(**days: tuple[str, str]) -> WorkingHours:
    """`working_hours(monday=("2200", "0600"))`."""
    return WorkingHours({WEEKDAYS.index(day): DayWindow(parse_hhmm(a), parse_hhmm(b)) for day, (a, b) in days.items()})


def plan(
    job: DailyJob | None = None,
    template: Template | None = None,
    ticket_status: str | None = None,
    settings: ReportPolicy | None = None,
    now: datetime = NOW,
    event: FailureEvent | None = None,
    held: tuple[tuple[str, str], ...] = (),
) -> ReportDecision:
    """`ticket_status` and `held` are what Summit read of the job's ticket (B-4.5)."""
    event = event or make_event()
    job = job if job is not None else make_job(event)
    inputs = ReportInputs(event, job, now).with_ticket_read(read_as(ticket_status, held))
    return plan_report(inputs, template or make_template(), settings or make_settings())


def read_as(status: str | None, held: tuple[tuple[str, str], ...] = ()) -> TicketReading | None:
    """What Summit read of a ticket: None when it could not say its status."""
    return None if status is None else TicketReading(status, held)


def incident_attributes(report_plan: ReportDecision) -> dict[str, str]:
    assert report_plan.incident is not None, f"no incident planned: {report_plan.action} ({report_plan.reason})"
    return dict(report_plan.incident.attributes)


class CountingClock(Clock):
    def __init__(self, moment: datetime = NOW) -> None:
        self.moment = moment
        self.calls = 0

    def now(self) -> datetime:
        self.calls += 1
        return self.moment


class UnreadableStatusIncidents(InMemoryIncidents):
    """Summit that takes creates and updates but cannot say a ticket's status."""

    def read(self, ticket_number: str) -> TicketReading | None:
        raise SummitUnavailable("IM_GetIncidentDetailsAndChangeHistory timed out")


class StatusRecordingIncidents(InMemoryIncidents):
    """Summit that remembers which tickets' statuses were read."""

    def __init__(self) -> None:
        super().__init__()
        self.status_reads: list[str] = []

    def read(self, ticket_number: str) -> TicketReading | None:
        self.status_reads.append(ticket_number)
        return super().read(ticket_number)


class WriteBackRefusingDailyJobs(InMemoryDailyJobs):
    """OpCon that finds the job but goes away before the ticket number is written back."""

    def record_ticket(self, job: DailyJob, ticket_number: str, ticket_url: str) -> None:
        raise OpConUnavailable("connection reset by peer")


class AttachRefusingIncidents(InMemoryIncidents):
    def attach(self, ticket_number: str, log: JobLog) -> None:
        raise SummitUnavailable("attachment upload timed out")


@dataclass
class Connector:
    """The report use case wired to in-memory adapters, with the adapters kept for assertions."""

    daily_jobs: InMemoryDailyJobs
    incidents: InMemoryIncidents
    job_logs: InMemoryJobLogs
    clock: Clock
    report: ReportFailure


def make_connector(
    jobs: tuple[DailyJob, ...] = (),
    template: Template | None = None,
    settings: ReportPolicy | None = None,
    logs: dict[int, list[JobLog]] | None = None,
    clock: Clock | None = None,
    daily_jobs: InMemoryDailyJobs | None = None,
    incidents: InMemoryIncidents | None = None,
) -> Connector:
    daily_jobs = daily_jobs or InMemoryDailyJobs()
    for job in jobs:
        daily_jobs.jobs[job.id] = job
    incidents = incidents or InMemoryIncidents()
    job_logs = InMemoryJobLogs(logs)
    clock = clock or FixedClock(NOW)
    template, settings = template or make_template(), settings or make_settings()
    report = ReportFailure(daily_jobs, incidents, job_logs, clock, template, settings, **state_ports())
    return Connector(daily_jobs, incidents, job_logs, clock, report)


def state_ports(journal: Journal | None = None, silences: Silences | None = None) -> dict[str, object]:
    """What a report keeps in the state store, every role from one journal (in memory unless given)."""
    journal = journal if journal is not None else InMemoryJournal()
    return {"intents": journal, "job_incidents": journal, "groups": journal,
            "silences": silences if silences is not None else InMemorySilences()}


def make_delivery(report_for, outbox: Outbox, locks: JobLocks, clock: Clock, journal: Journal | None = None,
                  recover_for=None, settle_for=None) -> Delivery:
    """A Delivery over one journal (in memory unless given); `recover_for` builds the recover use case,
    `settle_for` the self-healing of uncertain creates (by default Summit's list cannot be read)."""
    journal = journal if journal is not None else InMemoryJournal()
    return Delivery(report_for, recover_for or _no_recoveries, settle_for or _unlisted, outbox, locks, clock,
                    KeptTraces(outbox, journal), journal)


def _unlisted(template: str):
    """A settler for a Summit whose incident list cannot be read: every uncertain create stays uncertain."""
    return lambda kept: Healed(Settlement(SettleVerdict.STAY, Settling.UNREADABLE, "no incident list in this test"))


def _no_recoveries(template: str) -> RecoverJob:
    raise AssertionError(f"this test reports no recovery, yet one was routed for {template}")
