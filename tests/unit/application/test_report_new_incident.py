"""The report flow for a job without a ticket: create, write the number back (B-4.9, B-4.10), job not found (B-4.3)."""

from summit_connector.domain.decision import Action
from summit_connector.domain.template import Rules

from tests.unit.factories import (
    JOB_UID,
    make_connector,
    make_event,
    make_job,
    make_settings,
    make_template,
    vendor_routing_template,
)

VIEW_URL_1001 = "https://summit.example.com/Summit/IM_TicketDetail.aspx?ID=1001"


def test_a_failed_job_without_a_ticket_gets_a_new_incident():
    connector = make_connector(jobs=(make_job(),))

    outcome = connector.report(make_event())

    assert list(connector.incidents.created) == ["1001"]
    assert connector.incidents.created["1001"].description == "OpCon job JOB001 failed"
    assert (outcome.action, outcome.ticket_number, outcome.warnings) == (Action.CREATED, "1001", ())


def test_the_new_ticket_number_and_its_view_url_are_written_back_to_the_job():
    connector = make_connector(jobs=(make_job(),))

    outcome = connector.report(make_event())

    assert connector.daily_jobs.tickets == {JOB_UID: ("1001", VIEW_URL_1001)}
    assert connector.daily_jobs.jobs[make_job().id].incident_ticket_id == "1001"
    assert outcome.view_url == VIEW_URL_1001


def test_a_second_failure_of_the_same_job_updates_the_incident_instead_of_creating_another():
    connector = make_connector(jobs=(make_job(),))
    connector.report(make_event())

    outcome = connector.report(make_event(termination="-2"))

    assert list(connector.incidents.created) == ["1001"]
    assert (outcome.action, outcome.ticket_number) == (Action.UPDATED, "1001")
    assert "-2" in connector.incidents.updates["1001"][0].information


def test_a_job_not_found_in_opcon_still_gets_an_incident_with_default_routing():
    connector = make_connector(
        jobs=(), template=vendor_routing_template(), settings=make_settings(Assigned_WorkGroup_Name="Service Desk"),
    )

    outcome = connector.report(make_event())

    assert outcome.action is Action.CREATED
    assert dict(connector.incidents.created[outcome.ticket_number].attributes)["Assigned_WorkGroup_Name"] == "DevOps"


def test_a_job_not_found_in_opcon_gives_a_warning_naming_the_job():
    connector = make_connector(jobs=())

    outcome = connector.report(make_event(job="JOB404"))

    assert len(outcome.warnings) == 1
    assert "JOB404" in outcome.warnings[0] and "not found" in outcome.warnings[0]


def test_a_job_not_found_in_opcon_is_still_reported_and_nothing_is_written_back_b_4_3():
    """OpCon holds the same job in another instance of the schedule: that job must not be written to."""
    other_instance = make_job(make_event(schedule_instance=2))
    template = make_template(rules=Rules(submit_single_incident_per_day=True))
    connector = make_connector(jobs=(other_instance,), template=template)

    outcome = connector.report(make_event())

    assert (outcome.action, list(connector.incidents.created)) == (Action.CREATED, ["1001"])
    assert any("not found" in warning for warning in outcome.warnings)
    assert connector.daily_jobs.tickets == {} and connector.daily_jobs.documentation == {}
    assert connector.daily_jobs.jobs[other_instance.id].incident_ticket_id == ""
