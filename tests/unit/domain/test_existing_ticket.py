"""B-4.5: a job that already has a ticket — open → update, Resolved → reopen, closed → new, unreadable → reopen."""

from datetime import date, datetime

import pytest

from summit_connector.domain.model import DailyJob
from summit_connector.domain.decision import Action
from summit_connector.domain.template import SummitOptions

from tests.unit.factories import make_event, make_job, make_template, plan

TICKET = "4711"


def job_with_ticket(**overrides: object) -> DailyJob:
    return make_job(incident_ticket_id=TICKET, **overrides)


@pytest.mark.parametrize("status", ["New", "Assigned", "In-Progress", "Pending"])
def test_an_open_ticket_is_updated_with_its_status_unchanged(status):
    result = plan(job_with_ticket(), ticket_status=status)

    assert result.action is Action.UPDATED
    assert (result.update.ticket_number, result.update.status) == (TICKET, status)
    assert result.incident is None


def test_the_update_information_names_the_new_failure():
    event = make_event(
        job="JOB002", schedule="BILLING", schedule_date=date(2024, 9, 21), agent="LINUX07", termination="-45",
    )

    job = make_job(event, incident_ticket_id=TICKET)

    result = plan(job, ticket_status="Assigned", event=event, now=datetime(2024, 9, 22, 3, 4, 5))

    for fact in ("JOB002", "BILLING", "2024-09-21", "LINUX07", "-45", "2024-09-22 03:04:05"):
        assert fact in result.update.information


def test_a_resolved_ticket_is_updated_with_the_reopen_status():
    template = make_template(summit=SummitOptions(reopen_status="Reopened"))

    result = plan(job_with_ticket(), template, ticket_status="Resolved")

    assert result.action is Action.REOPENED
    assert (result.update.ticket_number, result.update.status) == (TICKET, "Reopened")
    assert "JOB001" in result.update.information


@pytest.mark.parametrize("status", ["Closed", "Cancelled"])
def test_a_ticket_in_closed_statuses_gets_a_new_incident_that_names_the_previous_number(status):
    result = plan(job_with_ticket(), ticket_status=status)

    assert result.action is Action.CREATED
    assert result.update is None
    assert TICKET in result.incident.information
    assert result.incident.status == "New"
    assert result.previous_ticket == TICKET


def test_closed_statuses_are_the_templates_own_list():
    template = make_template(summit=SummitOptions(closed_statuses=("Done",)))

    done = plan(job_with_ticket(), template, ticket_status="Done")
    closed = plan(job_with_ticket(), template, ticket_status="Closed")

    assert done.action is Action.CREATED
    assert closed.action is Action.UPDATED


@pytest.mark.parametrize("status", [None, "", "   "])
def test_an_unreadable_status_falls_back_to_an_update_with_the_reopen_status(status):
    result = plan(job_with_ticket(), ticket_status=status)

    assert result.action is Action.REOPENED
    assert (result.update.ticket_number, result.update.status) == (TICKET, "In-Progress")


def test_status_names_are_matched_whatever_their_case():
    assert plan(job_with_ticket(), ticket_status="RESOLVED").action is Action.REOPENED
    assert plan(job_with_ticket(), ticket_status="closed").action is Action.CREATED


def test_a_blank_ticket_id_is_no_ticket():
    result = plan(make_job(incident_ticket_id="  "), ticket_status=None)

    assert result.action is Action.CREATED
    assert result.previous_ticket == ""
    assert result.existing is None
