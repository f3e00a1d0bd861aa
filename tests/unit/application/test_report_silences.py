"""B-13.2 in the flow: `plan` reads the active silences; a silenced failure sends nothing and writes nothing."""

from datetime import timedelta

from summit_connector.adapters.memory import (
    FixedClock,
    InMemoryDailyJobs,
    InMemoryIncidents,
    InMemoryJobLogs,
    InMemoryJournal,
    InMemorySilences,
)
from summit_connector.application.errors import OutboxUnavailable
from summit_connector.application.report import ReportFailure
from summit_connector.application.run_history import history_event
from summit_connector.domain.decision import Action

from tests.unit.factories import (
    NOW,
    StatusRecordingIncidents,
    make_event,
    make_job,
    make_settings,
    make_template,
    state_ports,
)


class UnreadableSilences(InMemorySilences):
    def listed(self, include_expired, now):
        raise OutboxUnavailable("state store summit-connector.sqlite3: database disk image is malformed")


def silenced_for(silences: InMemorySilences, **matchers: str) -> InMemorySilences:
    values = {"job": "", "schedule": "", "agent": "", "tag": "", **matchers}
    silences.add(**values, starts=NOW - timedelta(minutes=5), ends=NOW + timedelta(hours=2), comment="patch night",
                 author="ann")
    return silences


def report_with(silences: InMemorySilences, job=None, incidents: InMemoryIncidents | None = None):
    daily_jobs = InMemoryDailyJobs([job or make_job()])
    incidents = incidents or InMemoryIncidents()
    report = ReportFailure(daily_jobs, incidents, InMemoryJobLogs(), FixedClock(NOW), make_template(),
                           make_settings(), **state_ports(InMemoryJournal(), silences))
    return report, daily_jobs, incidents


def test_a_silenced_failure_creates_nothing_and_writes_nothing_to_opcon():
    report, daily_jobs, incidents = report_with(silenced_for(InMemorySilences(), job="JOB*"))

    outcome = report(make_event())

    assert incidents.created == {} and incidents.attachments == {}
    assert daily_jobs.tickets == {} and daily_jobs.documentation == {}
    assert (outcome.action, outcome.ticket_number, outcome.reason) == (
        Action.SILENCED, "", "silenced by #1: patch night")


def test_a_silenced_failure_on_a_job_with_an_open_ticket_neither_updates_it_nor_asks_summit():
    incidents = StatusRecordingIncidents()
    incidents.add_existing("4711", "In-Progress")
    report, _, _ = report_with(silenced_for(InMemorySilences(), agent="WIN*"), make_job(incident_ticket_id="4711"),
                               incidents)

    outcome = report(make_event())

    assert outcome.action is Action.SILENCED
    assert incidents.updates == {} and incidents.status_reads == []


def test_plan_reads_the_silences_and_the_record_carries_the_one_that_matches():
    silences = silenced_for(InMemorySilences(), tag="APP1")
    report, _, _ = report_with(silences, make_job(tags=("APP1", "ROUTE1")))

    decision = report.plan(make_event())

    assert decision.silence == silences.silences[1]


def test_an_expired_silence_no_longer_holds_back_an_incident():
    silences = silenced_for(InMemorySilences(), job="JOB001")
    silences.expire(1, NOW - timedelta(minutes=1))
    report, _, incidents = report_with(silences)

    outcome = report(make_event())

    assert outcome.action is Action.CREATED and list(incidents.created) == ["1001"]


def test_silences_that_cannot_be_read_never_stop_the_delivery_b_9_3():
    report, _, incidents = report_with(silenced_for(UnreadableSilences(), job="*"))

    outcome = report(make_event())

    assert outcome.action is Action.CREATED and list(incidents.created) == ["1001"]
    assert any("silences could not be read" in warning and "malformed" in warning for warning in outcome.warnings)


def test_history_records_the_silenced_action_and_its_reason_b_10_3():
    report, _, _ = report_with(silenced_for(InMemorySilences(), job="JOB001"))
    event = make_event()

    recorded = history_event("report", event, NOW, 0, outcome=report(event))

    assert (recorded.action, recorded.ticket, recorded.exit_code, recorded.reason) == (
        "silenced", "", 0, "silenced by #1: patch night")
