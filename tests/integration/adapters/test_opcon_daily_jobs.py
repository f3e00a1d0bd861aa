"""OpConDailyJobs against a mocked OpCon REST API: find (B-4.2, B-4.3) and the write-backs (B-4.10)."""

import httpx
import pytest

from summit_connector.adapters.opcon import OpConDailyJobs
from summit_connector.domain.model import Documentation

from tests.integration.adapters.opcon_samples import (
    BASE,
    DOCUMENTED_JOB,
    JOB,
    JOB_ID,
    SCHEDULE,
    SCHEDULE_ROW_ID,
    job_row,
    make_event,
    make_job,
    opcon_client,
    schedule_row,
)

pytestmark = pytest.mark.respx(base_url=BASE, assert_all_called=True, assert_all_mocked=True)

BY_ID = {"ids": JOB_ID, "includeDocumentation": "true"}
BY_NAME = {"scheduleIds": SCHEDULE_ROW_ID, "name": "Pay Job ?Sub? $1", "includeDocumentation": "true"}
NEAR_MISSES = [
    job_row(f"{JOB}2"),
    job_row(JOB.lower()),
    job_row(f" {JOB}"),
    job_row(JOB, schedule_id="20240921|116|2", uid=1),
]


def daily_jobs() -> OpConDailyJobs:
    return OpConDailyJobs(opcon_client())


def mock_schedules(respx_mock, rows):
    return respx_mock.get("/api/dailyschedules", params__eq={"dates": "2024-09-21"}).respond(json=rows)


def test_find_b_4_2_picks_schedule_by_master_id_and_instance_then_the_exactly_named_job(respx_mock):
    other_rows = [schedule_row("20240921|16|1", instance=1), schedule_row("20240921|17|2", master_id=17)]
    mock_schedules(respx_mock, [*other_rows, schedule_row()])
    jobs = respx_mock.get("/api/dailyjobs", params__eq=BY_ID).respond(json=[*NEAR_MISSES, job_row()])

    job = daily_jobs().find(make_event())

    assert job == DOCUMENTED_JOB
    assert b"ids=20240921%7C16%7C2%7CPay+Job+%5BSub%5D+%241" in jobs.calls.last.request.url.raw_path


def test_find_b_4_2_prefers_the_schedule_row_named_like_the_event_when_id_and_instance_repeat(respx_mock):
    mock_schedules(respx_mock, [schedule_row("20240921|16|9", name="Other"), schedule_row()])
    respx_mock.get("/api/dailyjobs", params__eq=BY_ID).respond(json=[job_row()])

    assert daily_jobs().find(make_event()) == DOCUMENTED_JOB


def test_find_b_4_3_returns_none_when_no_schedule_row_has_the_events_id_and_instance(respx_mock):
    mock_schedules(respx_mock, [schedule_row(instance=1), schedule_row(master_id=61)])

    assert daily_jobs().find(make_event()) is None


def test_find_b_4_2_falls_back_to_schedule_and_widened_name_when_the_id_query_misses(respx_mock):
    mock_schedules(respx_mock, [schedule_row()])
    respx_mock.get("/api/dailyjobs", params__eq=BY_ID).respond(json=NEAR_MISSES)
    respx_mock.get("/api/dailyjobs", params__eq=BY_NAME).respond(json=[job_row(), *NEAR_MISSES])

    assert daily_jobs().find(make_event()) == DOCUMENTED_JOB


def test_find_b_4_3_returns_none_when_neither_query_holds_the_exact_name(respx_mock):
    mock_schedules(respx_mock, [schedule_row()])
    respx_mock.get("/api/dailyjobs", params__eq=BY_ID).respond(json=NEAR_MISSES)
    respx_mock.get("/api/dailyjobs", params__eq=BY_NAME).respond(json=[])

    assert daily_jobs().find(make_event()) is None


def test_find_b_4_2_maps_null_ticket_tags_and_documentation_to_empty_values(respx_mock):
    mock_schedules(respx_mock, [schedule_row()])
    row = job_row(incidentTicketId=None, tags=None, documentation=None, jobNumber=None)
    respx_mock.get("/api/dailyjobs", params__eq=BY_ID).respond(json=[row])

    job = daily_jobs().find(make_event())

    assert job == make_job(job_number=None)


def test_find_b_4_2_reads_the_specs_job_name_key_and_a_job_without_schedule_object(respx_mock):
    mock_schedules(respx_mock, [schedule_row()])
    row = {"id": JOB_ID, "uid": 884422, "jobName": JOB, "jobNumber": 4245, "unknownKey": {"x": 1}}
    respx_mock.get("/api/dailyjobs", params__eq=BY_ID).respond(json=[row])

    assert daily_jobs().find(make_event()) == make_job()


def test_find_b_4_2_asks_for_the_schedule_date_as_yyyy_mm_dd_with_the_token_header(respx_mock):
    schedules = mock_schedules(respx_mock, [])

    daily_jobs().find(make_event(schedule=SCHEDULE))

    request = schedules.calls.last.request
    assert request.url.raw_path == b"/api/dailyschedules?dates=2024-09-21"
    assert request.headers["Authorization"] == "Token 5e3c1f0a-7d1b-4c9e-a2f4-0b7f6d2e9c11"


TICKETS = "/api/dailyjobs/884422/incidentTickets"
NEW_TICKET = {"id": 0, "ticketId": "1001", "ticketUrl": "https://summit.example/view?ID=1001"}


@pytest.mark.parametrize(
    "reply",
    [
        httpx.Response(200, json=[]),
        httpx.Response(200, json=None),
        httpx.Response(200, content=b""),
        httpx.Response(204),
        httpx.Response(404),
        httpx.Response(200, json={"id": 0, "ticketId": None, "ticketUrl": None}),
    ],
    ids=["empty-list", "null", "empty-body", "no-content", "not-found", "placeholder"],
)
def test_record_ticket_b_4_10_posts_a_new_ticket_when_the_job_has_none(respx_mock, reply):
    respx_mock.get(TICKETS).mock(return_value=reply)
    post = respx_mock.post(TICKETS, json__eq=NEW_TICKET).respond(200)

    daily_jobs().record_ticket(make_job(), "1001", "https://summit.example/view?ID=1001")

    assert post.calls.last.request.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "reply",
    [{"id": 1, "ticketId": "4711", "ticketUrl": "u"}, [{"id": 1, "ticketId": "4711", "ticketUrl": "u"}]],
    ids=["object", "list"],
)
def test_record_ticket_b_4_10_puts_over_the_existing_ticket_by_its_id(respx_mock, reply):
    respx_mock.get(TICKETS).respond(json=reply)
    body = {**NEW_TICKET, "id": 1}
    put = respx_mock.put(f"{TICKETS}/1", json__eq=body).respond(200)

    daily_jobs().record_ticket(make_job(), "1001", "https://summit.example/view?ID=1001")

    assert put.called


ENCODED_JOB_ID = "20240921%7C16%7C2%7CPay%20Job%20%5BSub%5D%20%241"


def test_write_documentation_b_4_10_puts_id_job_and_frequency_to_the_encoded_job_id(respx_mock):
    documentation = Documentation("Last Incident Date : 2024-09-21\r\nCall the payroll team.", 3, "Daily")
    body = {"id": 3, "job": documentation.text, "frequency": "Daily"}
    put = respx_mock.put(url__regex=r"/documentation/3$", json__eq=body).respond(200)

    daily_jobs().write_documentation(make_job(), documentation)

    assert put.calls.last.request.url.raw_path == f"/api/dailyjobs/{ENCODED_JOB_ID}/documentation/3".encode()


def test_write_documentation_b_4_10_posts_when_the_job_has_no_documentation_record(respx_mock):
    documentation = Documentation("Last Incident Date : 2024-09-21")
    body = {"id": None, "job": documentation.text, "frequency": None}
    post = respx_mock.post(url__regex=r"/documentation$", json__eq=body).respond(201, json={"id": 9})

    daily_jobs().write_documentation(make_job(), documentation)

    assert post.calls.last.request.url.raw_path == f"/api/dailyjobs/{ENCODED_JOB_ID}/documentation".encode()


def test_write_documentation_b_4_10_encodes_a_slash_in_the_job_name_instead_of_splitting_the_path(respx_mock):
    put = respx_mock.put(url__regex=r"/documentation/3$").respond(200)

    daily_jobs().write_documentation(make_job(id="20240921|16|2|In/Out"), Documentation("x", 3))

    assert put.calls.last.request.url.raw_path == b"/api/dailyjobs/20240921%7C16%7C2%7CIn%2FOut/documentation/3"
