"""B-4.5 in the flow: open → update, Resolved → reopen, closed → new incident written back, unreadable → reopen."""

from summit_connector.application.report import Action

from tests.unit.factories import JOB_UID, Connector, UnreadableStatusIncidents, make_connector, make_event, make_job

TICKET = "4711"


def connector_with_ticket(status: str, **overrides: object) -> Connector:
    connector = make_connector(jobs=(make_job(incident_ticket_id=TICKET),), **overrides)
    connector.incidents.add_existing(TICKET, status)
    return connector


def test_an_open_ticket_is_updated_with_the_new_failure_and_its_status_unchanged():
    connector = connector_with_ticket("Assigned")

    outcome = connector.report(make_event(termination="-45"))

    [update] = connector.incidents.updates[TICKET]
    assert update.status == "Assigned" and connector.incidents.statuses[TICKET] == "Assigned"
    assert "JOB001" in update.information and "-45" in update.information
    assert (outcome.action, outcome.ticket_number) == (Action.UPDATED, TICKET)


def test_an_updated_ticket_creates_nothing_and_writes_nothing_back():
    connector = connector_with_ticket("Assigned")

    connector.report(make_event())

    assert connector.incidents.created == {}
    assert connector.daily_jobs.tickets == {}


def test_a_resolved_ticket_is_updated_with_the_reopen_status():
    connector = connector_with_ticket("Resolved")

    outcome = connector.report(make_event())

    [update] = connector.incidents.updates[TICKET]
    assert update.status == "In-Progress" and connector.incidents.statuses[TICKET] == "In-Progress"
    assert "JOB001" in update.information
    assert (outcome.action, outcome.ticket_number) == (Action.REOPENED, TICKET)


def test_a_closed_ticket_gets_a_new_incident_that_names_the_previous_number():
    connector = connector_with_ticket("Closed")

    outcome = connector.report(make_event())

    assert TICKET in connector.incidents.created["1001"].information
    assert connector.incidents.updates == {}
    assert (outcome.action, outcome.ticket_number, outcome.previous_ticket) == (Action.CREATED, "1001", TICKET)


def test_a_closed_tickets_successor_number_is_written_back():
    connector = connector_with_ticket("Cancelled")

    connector.report(make_event())

    assert connector.daily_jobs.tickets[JOB_UID][0] == "1001"
    assert connector.daily_jobs.jobs[make_job().id].incident_ticket_id == "1001"


def test_an_unreadable_status_falls_back_to_an_update_with_the_reopen_status():
    connector = connector_with_ticket("Assigned", incidents=UnreadableStatusIncidents())

    outcome = connector.report(make_event())

    assert [u.status for u in connector.incidents.updates[TICKET]] == ["In-Progress"]
    assert connector.incidents.created == {}
    assert outcome.action is Action.REOPENED
