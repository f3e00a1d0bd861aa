"""B-4.4 in the flow: an EXIT tag sends nothing to Summit and writes nothing to OpCon."""

from summit_connector.application.report import Action

from tests.unit.factories import (
    EXIT_ON_NOTICKET,
    StatusRecordingIncidents,
    make_connector,
    make_event,
    make_job,
    vendor_routing_template,
)

EXIT_TEMPLATE = vendor_routing_template(extra_tags=(EXIT_ON_NOTICKET,))


def test_an_exit_tag_creates_no_incident_and_writes_nothing_back():
    connector = make_connector(jobs=(make_job(tags=("APP1_ROUTE1", "NOTICKET")),), template=EXIT_TEMPLATE)

    outcome = connector.report(make_event())

    assert connector.incidents.created == {}
    assert connector.daily_jobs.tickets == {} and connector.daily_jobs.documentation == {}
    assert (outcome.action, outcome.ticket_number) == (Action.SKIPPED_EXIT, "")


def test_the_skipped_outcome_says_which_tag():
    connector = make_connector(jobs=(make_job(tags=("APP1_ROUTE1", "NOTICKET")),), template=EXIT_TEMPLATE)

    outcome = connector.report(make_event())

    assert "NOTICKET" in outcome.reason


def test_an_exit_tag_leaves_the_existing_ticket_untouched():
    connector = make_connector(jobs=(make_job(tags=("NOTICKET",), incident_ticket_id="4711"),), template=EXIT_TEMPLATE)
    connector.incidents.add_existing("4711", "Resolved")

    outcome = connector.report(make_event())

    assert connector.incidents.updates == {}
    assert connector.incidents.statuses == {"4711": "Resolved"}
    assert outcome.action is Action.SKIPPED_EXIT


def test_an_exit_tag_is_checked_before_summit_is_asked_about_the_ticket():
    job = make_job(tags=("NOTICKET",), incident_ticket_id="4711")
    connector = make_connector(jobs=(job,), template=EXIT_TEMPLATE, incidents=StatusRecordingIncidents())

    connector.report(make_event())

    assert connector.incidents.status_reads == []
