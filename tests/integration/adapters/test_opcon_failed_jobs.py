"""OpConDailyJobs.failed_on against a mocked OpCon REST API (B-15.1): the failed jobs of some schedule dates in one
query, checked again on our side, each as the failure it stands for."""

from datetime import date

import httpx
import pytest

from summit_connector.adapters.opcon import OpConDailyJobs
from summit_connector.application.errors import OpConError, OpConUnavailable
from summit_connector.domain.model import DailyJob, FailedDailyJob

from tests.integration.adapters.opcon_samples import (
    BASE,
    DOCUMENTED_JOB,
    JOB,
    JOB_ID,
    SCHEDULE,
    TOKEN,
    job_row,
    make_event,
    opcon_client,
)

pytestmark = pytest.mark.respx(base_url=BASE, assert_all_called=True, assert_all_mocked=True)

DAYS = [date(2024, 9, 20), date(2024, 9, 21)]
FAILED_QUERY = {"dates": "2024-09-20,2024-09-21", "status": "failed", "includeDocumentation": "true"}
STATUSES = {"failed": {"id": 910, "description": "Failed", "category": "Failed"},
            "marked": {"id": 921, "description": "Marked Failed", "category": "failed"},
            "fixed": {"id": 930, "description": "Fixed", "category": "Fixed"},
            "ok": {"id": 900, "description": "Finished OK", "category": "Finished Ok"}}


def failed_row(name: str = JOB, **overrides) -> dict:
    """A failed row as OpCon writes it (§4.1): machines, termination and the schedule's date included."""
    machine = {"id": 1, "name": "WINAGENT01", "type": {"id": 3, "description": "Windows"}}
    schedule = {"id": "20240921|16|2", "date": "2024-09-21T00:00:00.0000000+02:00", "masterId": 16, "instance": 2,
                "name": SCHEDULE}
    values = {"startMachine": machine, "primaryMachine": machine, "terminationDescription": "+000000001:0000:N",
              "schedule": schedule}
    return job_row(name, **(values | overrides))


def failed_on(days=DAYS) -> list[FailedDailyJob]:
    return OpConDailyJobs(opcon_client()).failed_on(days)


def mock_failed(respx_mock, rows):
    return respx_mock.get("/api/dailyjobs", params__eq=FAILED_QUERY).respond(json=rows)


def test_failed_on_b_15_1_asks_once_for_all_dates_comma_joined_with_status_failed_and_documentation(respx_mock):
    route = mock_failed(respx_mock, [])

    assert failed_on() == []

    request = route.calls.last.request
    assert request.url.raw_path == (b"/api/dailyjobs?dates=2024-09-20%2C2024-09-21&status=failed"
                                    b"&includeDocumentation=true")
    assert request.headers["Authorization"] == f"Token {TOKEN}"


def test_failed_on_b_15_1_no_dates_asks_nothing():
    assert failed_on([]) == []


def test_failed_on_b_15_1_makes_the_failure_event_and_the_job_as_find_does(respx_mock):
    mock_failed(respx_mock, [failed_row()])

    [failed] = failed_on()

    assert failed == FailedDailyJob(make_event(), DOCUMENTED_JOB, "Failed")
    assert failed.event.job_key == JOB_ID


def test_failed_on_b_15_1_keeps_only_a_status_category_of_failed_in_any_case(respx_mock):
    rows = [failed_row(name, status=status, uid=n) for n, (name, status) in enumerate(STATUSES.items())]
    rows += [failed_row("no-status", status=None), failed_row("no-category", status={"id": 910})]
    mock_failed(respx_mock, rows)

    failed = failed_on()

    assert [(job.job.name, job.status_category) for job in failed] == [("failed", "Failed"), ("marked", "failed")]


@pytest.mark.parametrize(
    "machines, agent",
    [
        ({"startMachine": {"id": 2, "name": "LINUX07"}, "primaryMachine": {"id": 1, "name": "WINAGENT01"}}, "LINUX07"),
        ({"startMachine": None, "primaryMachine": {"id": 1, "name": "WINAGENT01"}}, "WINAGENT01"),
        ({"startMachine": {"id": 0, "name": " "}, "primaryMachine": {"id": 1, "name": "WINAGENT01"}}, "WINAGENT01"),
        ({"startMachine": {"id": 0}, "primaryMachine": None}, "N/A"),
        ({}, "N/A"),
    ],
    ids=["start", "no-start", "blank-start", "neither", "absent"],
)
def test_failed_on_b_15_1_agent_is_the_start_machine_else_the_primary_else_n_a(respx_mock, machines, agent):
    row = {key: value for key, value in failed_row().items() if key not in ("startMachine", "primaryMachine")}
    mock_failed(respx_mock, [row | machines])

    [failed] = failed_on()

    assert failed.event.agent == agent


def test_failed_on_b_15_1_termination_is_the_termination_description(respx_mock):
    mock_failed(respx_mock, [failed_row(), failed_row("other", uid=2, terminationDescription=None)])

    first, second = failed_on()

    assert (first.event.termination, second.event.termination) == ("+000000001:0000:N", "")


def test_failed_on_b_15_1_tolerates_missing_optional_keys(respx_mock):
    row = {"id": JOB_ID, "uid": 884422, "jobName": JOB, "jobStatus": {"category": "Failed"},
           "schedule": {"date": "2024-09-21T00:00:00.0000000-05:00", "masterId": 16, "instance": 2}}
    mock_failed(respx_mock, [row])

    [failed] = failed_on()

    assert failed.event == make_event(agent="N/A", schedule="", termination="")
    assert failed.job == DailyJob(JOB_ID, 884422, JOB)


def test_failed_on_b_15_1_takes_date_schedule_id_and_instance_from_the_job_id_without_a_schedule(respx_mock):
    mock_failed(respx_mock, [failed_row(schedule=None)])

    [failed] = failed_on()

    assert failed.event.job_key == JOB_ID
    assert failed.event.schedule == ""


def test_failed_on_b_15_1_keeps_the_schedule_date_as_written_whatever_its_offset(respx_mock):
    schedule = {"id": "20240921|16|2", "date": "2024-09-21T00:00:00.0000000+14:00", "masterId": 16, "instance": 2,
                "name": SCHEDULE}
    mock_failed(respx_mock, [failed_row(schedule=schedule)])

    [failed] = failed_on()

    assert failed.event.schedule_date == date(2024, 9, 21)


@pytest.mark.parametrize(
    "changes",
    [{"uid": None}, {"id": None, "schedule": None}, {"name": None}],
    ids=["no-uid", "no-schedule", "no-name"],
)
def test_failed_on_b_15_1_a_failed_row_that_does_not_say_which_job_it_is_is_an_error(respx_mock, changes):
    mock_failed(respx_mock, [failed_row(**changes)])

    with pytest.raises(OpConError) as raised:
        failed_on()

    assert raised.value.service == "GET /api/dailyjobs"


@pytest.mark.parametrize(
    "answer, error",
    [
        (httpx.Response(503), OpConUnavailable),
        (httpx.Response(429), OpConUnavailable),
        (httpx.ConnectError("refused"), OpConUnavailable),
        (httpx.Response(401, json={"code": 1001, "message": "Invalid token specified"}), OpConError),
        (httpx.Response(400), OpConError),
        (httpx.Response(200, text="<html/>"), OpConError),
        (httpx.Response(200, json={"not": "a list"}), OpConError),
    ],
    ids=["503", "429", "connect", "401", "400", "not-json", "not-a-list"],
)
def test_failed_on_b_9_maps_failures_as_find_does(respx_mock, answer, error):
    effect = {"side_effect": answer} if isinstance(answer, Exception) else {"return_value": answer}
    respx_mock.get("/api/dailyjobs", params__eq=FAILED_QUERY).mock(**effect)

    with pytest.raises(error) as raised:
        failed_on()

    assert raised.value.service == "GET /api/dailyjobs"
