"""B-4.11 in the flow: job logs are attached (truncated to the bound); a log that cannot be had is only a warning."""

from summit_connector.application.report import Action
from summit_connector.domain.model import JobLog
from summit_connector.domain.template import Rules

from tests.unit.factories import (
    JOB_UID,
    AttachRefusingIncidents,
    make_connector,
    make_event,
    make_job,
    make_settings,
    make_template,
)

LOG = JobLog("JOB001.log", b"step 1 ok\r\nstep 2 failed: disk full\r\n")


def test_the_job_log_is_attached_to_the_new_incident():
    connector = make_connector(jobs=(make_job(),), logs={JOB_UID: [LOG]})

    connector.report(make_event())

    assert connector.incidents.attachments == {"1001": [LOG]}


def test_the_job_log_is_attached_to_an_updated_incident():
    connector = make_connector(jobs=(make_job(incident_ticket_id="4711"),), logs={JOB_UID: [LOG]})
    connector.incidents.add_existing("4711", "Assigned")

    connector.report(make_event())

    assert connector.incidents.attachments == {"4711": [LOG]}


def test_no_log_is_attached_when_the_template_rule_is_off():
    template = make_template(rules=Rules(include_job_log_attachment=False))
    connector = make_connector(jobs=(make_job(),), template=template, logs={JOB_UID: [LOG]})

    connector.report(make_event())

    assert connector.incidents.attachments == {}


def test_a_log_over_the_bound_is_attached_truncated_to_it():
    big = JobLog("JOB001.log", b"x" * 50_000)
    connector = make_connector(jobs=(make_job(),), logs={JOB_UID: [big]}, settings=make_settings(max_joblog_bytes=4096))

    connector.report(make_event())

    [attached] = connector.incidents.attachments["1001"]
    assert len(attached.content) <= 4096 and b"omitted" in attached.content


def test_a_log_that_cannot_be_fetched_is_a_warning_and_the_incident_stands():
    connector = make_connector(jobs=(make_job(),), logs={JOB_UID: [LOG]})
    connector.job_logs.unavailable = "JORS did not answer"

    outcome = connector.report(make_event())

    assert (outcome.action, outcome.ticket_number) == (Action.CREATED, "1001")
    assert connector.daily_jobs.tickets[JOB_UID][0] == "1001"
    assert len(outcome.warnings) == 1 and "JORS did not answer" in outcome.warnings[0]


def test_a_log_that_cannot_be_attached_is_a_warning_and_the_incident_stands():
    connector = make_connector(jobs=(make_job(),), logs={JOB_UID: [LOG]}, incidents=AttachRefusingIncidents())

    outcome = connector.report(make_event())

    assert (outcome.action, outcome.ticket_number) == (Action.CREATED, "1001")
    assert list(connector.incidents.created) == ["1001"]
    assert len(outcome.warnings) == 1 and "JOB001.log" in outcome.warnings[0]
