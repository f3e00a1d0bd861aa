"""B-4.6 in the flow: a held failure sends nothing; a created incident stamps the job documentation."""

from datetime import datetime

from summit_connector.adapters.memory import FixedClock
from summit_connector.application.report import Action
from summit_connector.domain.model import Documentation
from summit_connector.domain.template import Rules

from tests.unit.factories import JOB_UID, Connector, make_connector, make_event, make_job, make_settings, make_template

SINGLE_PER_DAY = make_template(rules=Rules(submit_single_incident_per_day=True))
DOCUMENTATION = "Last Incident Date : 2024-09-22\r\nRun book: call the payroll team\r\n"


def connector_at(moment: datetime) -> Connector:
    return make_connector(
        jobs=(make_job(documentation=DOCUMENTATION),), template=SINGLE_PER_DAY,
        settings=make_settings(daily_start_hour=6), clock=FixedClock(moment),
    )


def test_a_failure_inside_the_window_creates_nothing_and_writes_nothing():
    connector = connector_at(datetime(2024, 9, 23, 5, 59))

    outcome = connector.report(make_event())

    assert connector.incidents.created == {}
    assert connector.daily_jobs.tickets == {} and connector.daily_jobs.documentation == {}
    assert outcome.action is Action.SKIPPED_DAILY_WINDOW


def test_a_failure_after_the_window_creates_an_incident_and_stamps_the_documentation():
    connector = connector_at(datetime(2024, 9, 23, 6, 0))

    outcome = connector.report(make_event())

    assert outcome.action is Action.CREATED
    assert connector.daily_jobs.documentation[JOB_UID] == Documentation(
        "Last Incident Date : 2024-09-23\r\nRun book: call the payroll team\r\n", id=55, frequency="Daily",
    )


def test_after_the_first_incident_is_closed_a_failure_the_same_day_is_held_by_the_new_stamp():
    connector = connector_at(datetime(2024, 9, 23, 6, 0))
    connector.report(make_event())
    connector.incidents.statuses["1001"] = "Closed"

    outcome = connector.report(make_event())

    assert outcome.action is Action.SKIPPED_DAILY_WINDOW
    assert list(connector.incidents.created) == ["1001"]
