"""B-13.3 in the flow: inside a maintenance window a failure sends nothing to Summit and writes nothing to OpCon;
a recovery is not held back by it."""

from datetime import datetime

from summit_connector.adapters.memory import FixedClock, InMemoryDailyJobs, InMemoryIncidents, InMemoryJournal
from summit_connector.application.recover import RecoverJob
from summit_connector.domain.decision import Action
from summit_connector.domain.model import Trigger

from tests.unit.factories import (
    StatusRecordingIncidents,
    make_connector,
    make_event,
    make_job,
    make_template,
    working_hours,
)

SUNDAY_3AM = FixedClock(datetime(2024, 9, 22, 3, 0))
MONDAY_1AM = FixedClock(datetime(2024, 9, 23, 1, 0))
MAINTENANCE = make_template(maintenance_windows=(working_hours(sunday=("2200", "0200")),
                                                working_hours(sunday=("0100", "0500"))))


def test_a_failure_inside_a_window_creates_no_incident_and_writes_nothing_back():
    connector = make_connector(jobs=(make_job(),), template=MAINTENANCE, clock=SUNDAY_3AM)

    outcome = connector.report(make_event())

    assert connector.incidents.created == {}
    assert connector.daily_jobs.tickets == {} and connector.daily_jobs.documentation == {}
    assert (outcome.action, outcome.ticket_number) == (Action.SKIPPED_MAINTENANCE, "")
    assert "maintenanceWindows[1]" in outcome.reason


def test_the_next_morning_part_of_an_overnight_window_sends_nothing_either():
    connector = make_connector(jobs=(make_job(),), template=MAINTENANCE, clock=MONDAY_1AM)

    outcome = connector.report(make_event())

    assert connector.incidents.created == {}
    assert outcome.action is Action.SKIPPED_MAINTENANCE
    assert "maintenanceWindows[0] (Sunday 2200-0200, running past midnight)" in outcome.reason


def test_an_open_ticket_gets_no_update_inside_a_window():
    connector = make_connector(jobs=(make_job(incident_ticket_id="4711"),), template=MAINTENANCE, clock=SUNDAY_3AM)
    connector.incidents.add_existing("4711", "Resolved")

    outcome = connector.report(make_event())

    assert connector.incidents.updates == {}
    assert connector.incidents.statuses == {"4711": "Resolved"}
    assert outcome.action is Action.SKIPPED_MAINTENANCE


def test_inside_a_window_summit_is_not_even_asked_about_the_ticket():
    job = make_job(incident_ticket_id="4711")
    connector = make_connector(jobs=(job,), template=MAINTENANCE, clock=SUNDAY_3AM,
                               incidents=StatusRecordingIncidents())

    connector.report(make_event())

    assert connector.incidents.status_reads == []


def test_a_failure_outside_every_window_creates_the_incident():
    connector = make_connector(jobs=(make_job(),), template=MAINTENANCE, clock=FixedClock(datetime(2024, 9, 22, 6)))

    outcome = connector.report(make_event())

    assert outcome.action is Action.CREATED
    assert len(connector.incidents.created) == 1


def test_a_recovery_inside_a_window_still_annotates_the_open_ticket():
    event = make_event(trigger=Trigger.FINISHED_OK)
    incidents = InMemoryIncidents()
    incidents.add_existing("4711", "In-Progress")
    journal = InMemoryJournal()
    recover = RecoverJob(InMemoryDailyJobs([make_job(event, incident_ticket_id="4711")]), incidents, SUNDAY_3AM,
                         MAINTENANCE, job_incidents=journal, tracking=journal)

    outcome = recover(event)

    assert outcome.action is Action.ANNOTATED
    assert len(incidents.updates["4711"]) == 1
