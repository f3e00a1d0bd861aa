"""Every OpCon call maps failures the same way (B-9: transient → OpConUnavailable; refusals → OpConError)."""

import httpx
import pytest

from summit_connector.adapters.opcon import OpConDailyJobs, OpConJobLogs
from summit_connector.application.errors import OpConError, OpConUnavailable
from summit_connector.domain.model import Documentation

from tests.integration.adapters.opcon_samples import BASE, JOB, TOKEN, make_event, make_job, opcon_client

pytestmark = pytest.mark.respx(base_url=BASE, assert_all_called=True, assert_all_mocked=True)

SCHEDULES = "/api/dailyschedules"


def find():
    return OpConDailyJobs(opcon_client()).find(make_event())


@pytest.mark.parametrize(
    "body",
    [
        [{"resource": "tokens", "name": None, "code": 1001, "message": "Invalid token specified", "ids": []}],
        {"code": 1001, "message": "Invalid token specified"},
        {"type": "about:blank", "title": "Invalid token specified", "status": 401, "detail": None},
    ],
    ids=["api-error-array", "code-message", "problem-details"],
)
def test_401_b_9_4_says_the_token_was_refused_naming_the_call_and_quoting_opcons_message(respx_mock, body):
    respx_mock.get(SCHEDULES).respond(401, json=body)

    with pytest.raises(OpConError) as raised:
        find()

    assert str(raised.value) == (
        "[OPCON API] TOKEN was refused by OpCon (HTTP 401 on GET /api/dailyschedules): Invalid token specified"
    )


def test_401_b_9_4_problem_details_that_only_say_unauthorized_still_name_the_token(respx_mock):
    body = {"type": "https://tools.ietf.org/html/rfc7235#section-3.1", "title": "Unauthorized", "status": 401,
            "traceId": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"}
    respx_mock.get(SCHEDULES).respond(401, json=body, headers={"Content-Type": "application/problem+json"})

    with pytest.raises(OpConError) as raised:
        find()

    assert str(raised.value) == "[OPCON API] TOKEN was refused by OpCon (HTTP 401 on GET /api/dailyschedules)"
    assert raised.value.status_code == 401


def test_b_1_4_problem_details_quote_both_title_and_detail(respx_mock):
    body = {"title": "One or more validation errors occurred.", "detail": "dates is not a date", "status": 400}
    respx_mock.get(SCHEDULES).respond(400, json=body)

    with pytest.raises(OpConError, match="400 Bad Request: One or more validation errors occurred. - dates is not"):
        find()


@pytest.mark.parametrize("status", [400, 403, 404, 409, 302])
def test_refusals_are_opcon_errors_that_retrying_will_not_fix_b_9(respx_mock, status):
    respx_mock.get(SCHEDULES).respond(status)

    with pytest.raises(OpConError, match=f"GET /api/dailyschedules answered {status} "):
        find()


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
def test_throttling_and_server_errors_are_transient_b_9(respx_mock, status):
    respx_mock.get(SCHEDULES).respond(status, json=[{"code": 0, "message": "SAM is not running"}])

    with pytest.raises(OpConUnavailable, match=f"answered {status} .*: SAM is not running"):
        find()


@pytest.mark.parametrize(
    "failure", [httpx.ConnectTimeout, httpx.ReadTimeout, httpx.ConnectError, httpx.RemoteProtocolError]
)
def test_timeouts_and_connection_failures_are_transient_b_9(respx_mock, failure):
    respx_mock.get(SCHEDULES).mock(side_effect=failure)

    with pytest.raises(OpConUnavailable) as raised:
        find()

    assert str(raised.value).startswith(f"OpCon GET /api/dailyschedules could not be reached ({failure.__name__}")
    assert isinstance(raised.value.__cause__, failure)


@pytest.mark.parametrize(
    "reply",
    [httpx.Response(401), httpx.Response(401, text="<html><body>Unauthorized</body></html>")],
    ids=["empty", "html"],
)
def test_b_1_4_a_401_without_a_json_body_names_the_token_and_the_call(respx_mock, reply):
    respx_mock.get(SCHEDULES).mock(return_value=reply)

    with pytest.raises(OpConError) as raised:
        find()

    assert str(raised.value) == "[OPCON API] TOKEN was refused by OpCon (HTTP 401 on GET /api/dailyschedules)"


def test_b_9_4_a_proxys_html_error_page_is_quoted_as_text_on_one_line(respx_mock):
    page = ("<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title>\n<style>body { width: 35em; }</style>"
            "</head>\n<body>\n<h1>Bad Gateway</h1>\n<p>The proxy server received an invalid response &amp; gave up."
            "</p>\n<hr><address>nginx/1.24.0</address>\n</body>\n</html>\n")
    respx_mock.get(SCHEDULES).respond(502, text=page, headers={"Content-Type": "text/html"})

    with pytest.raises(OpConUnavailable) as raised:
        find()

    assert str(raised.value) == (
        "OpCon GET /api/dailyschedules answered 502 Bad Gateway: 502 Bad Gateway Bad Gateway The proxy server "
        "received an invalid response & gave up. nginx/1.24.0"
    )


def test_b_9_4_a_long_error_page_is_cut_to_about_300_characters(respx_mock):
    respx_mock.get(SCHEDULES).respond(500, text="<p>" + "Server Error in '/' Application. " * 100 + "</p>")

    with pytest.raises(OpConUnavailable) as raised:
        find()

    assert len(str(raised.value)) <= 300
    assert str(raised.value).endswith("…")


@pytest.mark.parametrize("content", [b"", b"[{'id': ", b"<html>OK</html>"], ids=["empty", "malformed", "html"])
def test_b_1_4_a_2xx_body_that_is_not_json_is_an_opcon_error(respx_mock, content):
    respx_mock.get(SCHEDULES).respond(200, content=content)

    with pytest.raises(OpConError, match="GET /api/dailyschedules answered 200 OK with a body that is not JSON"):
        find()


def test_b_1_4_a_2xx_json_of_the_wrong_shape_is_an_opcon_error(respx_mock):
    respx_mock.get(SCHEDULES).respond(200, json={"message": "not a list"})

    with pytest.raises(OpConError, match="GET /api/dailyschedules answered an unexpected shape"):
        find()


def test_a_found_job_without_uid_is_an_opcon_error_rather_than_a_silent_miss_b_4_2(respx_mock):
    respx_mock.get(SCHEDULES).respond(json=[{"id": "20240921|16|2", "masterId": 16, "instance": 2}])
    uidless = {"id": f"20240921|16|2|{JOB}", "name": JOB}
    respx_mock.get("/api/dailyjobs").respond(json=[uidless])

    with pytest.raises(OpConError, match="has no uid"):
        find()


@pytest.mark.parametrize(
    "reply",
    [
        httpx.Response(401, json={"code": 1001, "message": f"Invalid token specified: {TOKEN}"}),
        httpx.Response(400, json=[{"message": f"Authorization: Token {TOKEN} rejected"}]),
        httpx.Response(500, json={"title": "Server error", "detail": f"token={TOKEN}"}),
    ],
    ids=["401", "400", "500"],
)
def test_b_6_3_the_token_never_appears_in_an_error_message_even_when_opcon_echoes_it(respx_mock, reply):
    respx_mock.get(SCHEDULES).mock(return_value=reply)

    with pytest.raises((OpConError, OpConUnavailable)) as raised:
        find()

    assert TOKEN not in str(raised.value)
    assert "***" in str(raised.value)


def test_b_6_3_the_token_never_appears_in_a_transport_error_message(respx_mock):
    respx_mock.get(SCHEDULES).mock(side_effect=httpx.ConnectError(f"refused while sending Token {TOKEN}"))

    with pytest.raises(OpConUnavailable) as raised:
        find()

    assert TOKEN not in str(raised.value)


def test_write_backs_map_errors_the_same_way_b_4_10(respx_mock):
    respx_mock.get("/api/dailyjobs/884422/incidentTickets").respond(503)
    respx_mock.put(url__regex=r"/documentation/3$").respond(403, json={"code": 3, "message": "No privilege"})
    daily_jobs = OpConDailyJobs(opcon_client())

    with pytest.raises(OpConUnavailable, match="GET /api/dailyjobs/884422/incidentTickets answered 503"):
        daily_jobs.record_ticket(make_job(), "1001", "u")
    with pytest.raises(OpConError) as raised:
        daily_jobs.write_documentation(make_job(), Documentation("x", 3))

    path = f"/api/dailyjobs/20240921|16|2|{JOB}/documentation/3"
    assert str(raised.value) == f"OpCon PUT {path} answered 403 Forbidden: No privilege"


def test_job_log_calls_map_errors_the_same_way_b_4_11(respx_mock):
    respx_mock.post("/api/jobinstanceactions").mock(side_effect=httpx.ReadTimeout)

    with pytest.raises(OpConUnavailable, match="POST /api/jobinstanceactions could not be reached"):
        OpConJobLogs(opcon_client(), sleep=lambda _: None).fetch(make_job())


@pytest.mark.parametrize(
    ("reply", "kind", "status"),
    [
        (httpx.Response(401), OpConError, 401),
        (httpx.Response(503), OpConUnavailable, 503),
        (httpx.Response(200, text="not json"), OpConError, 200),
        (httpx.ConnectError("refused"), OpConUnavailable, None),
    ],
    ids=["refused", "transient", "unreadable", "no-answer"],
)
def test_errors_carry_opcons_status_and_the_call_as_fields(respx_mock, reply, kind, status):
    effect = {"side_effect": reply} if isinstance(reply, Exception) else {"return_value": reply}
    respx_mock.get(SCHEDULES).mock(**effect)

    with pytest.raises(kind) as raised:
        find()

    assert (raised.value.status_code, raised.value.service) == (status, "GET /api/dailyschedules")
