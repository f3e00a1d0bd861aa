"""Delivery failures become DeliveryFailed, carrying the ticket number when the incident already exists (B-1.4, B-9)."""

import pytest

from summit_connector.application.errors import DeliveryFailed, OpConUnavailable, SummitRejected, SummitUnavailable

from summit_connector.domain.model import JobLog

from tests.unit.factories import WriteBackRefusingDailyJobs, make_connector, make_event, make_job


def test_opcon_unavailable_is_a_delivery_failure_and_nothing_is_created():
    connector = make_connector(jobs=(make_job(),))
    connector.daily_jobs.unavailable = "connect timeout"

    with pytest.raises(DeliveryFailed) as failure:
        connector.report(make_event())

    assert isinstance(failure.value.cause, OpConUnavailable)
    assert connector.incidents.created == {}


def test_a_summit_rejection_is_a_delivery_failure_quoting_summit_and_nothing_is_written_back():
    connector = make_connector(jobs=(make_job(),))
    connector.incidents.rejected = "Category_Name 'Foo' is not valid"

    with pytest.raises(DeliveryFailed) as failure:
        connector.report(make_event())

    assert isinstance(failure.value.cause, SummitRejected)
    assert "Category_Name 'Foo' is not valid" in str(failure.value)
    assert failure.value.ticket_number == ""
    assert connector.daily_jobs.tickets == {}


def test_summit_unavailable_for_an_update_is_a_delivery_failure():
    connector = make_connector(jobs=(make_job(incident_ticket_id="4711"),))
    connector.incidents.add_existing("4711", "Assigned")
    connector.incidents.unavailable = "503 Service Unavailable"

    with pytest.raises(DeliveryFailed) as failure:
        connector.report(make_event())

    assert isinstance(failure.value.cause, SummitUnavailable)
    assert connector.incidents.updates == {}


def test_a_failed_write_back_after_a_created_incident_carries_the_ticket_number():
    connector = make_connector(jobs=(make_job(),), daily_jobs=WriteBackRefusingDailyJobs())

    with pytest.raises(DeliveryFailed) as failure:
        connector.report(make_event())

    assert failure.value.ticket_number == "1001"
    assert isinstance(failure.value.cause, OpConUnavailable)
    assert list(connector.incidents.created) == ["1001"]


def test_a_failed_write_back_still_attaches_the_job_log_to_the_created_incident_b_4_11():
    job = make_job()
    connector = make_connector(jobs=(job,), daily_jobs=WriteBackRefusingDailyJobs(),
                               logs={job.uid: [JobLog("JOB001.log", b"step 3 failed")]})

    with pytest.raises(DeliveryFailed):
        connector.report(make_event())

    assert [log.name for log in connector.incidents.attachments["1001"]] == ["JOB001.log"]
