"""OpConJobLogs: JORS LIST then FILE actions, polled with a growing, bounded back-off (B-4.11)."""

import json

import httpx
import pytest

from summit_connector.adapters.opcon import OpConJobLogs
from summit_connector.application.errors import OpConError, OpConUnavailable
from summit_connector.domain.model import JobLog

from tests.integration.adapters.opcon_samples import BASE, action, make_job, opcon_client

pytestmark = pytest.mark.respx(base_url=BASE, assert_all_called=True, assert_all_mocked=True)

ACTIONS = "/api/jobinstanceactions"
LIST = {"action": "LIST", "jobInstanceActionItems": [{"id": 4245}]}
STDOUT = r"C:\ProgramData\OpConxps\SAM\JobOutput\PAYROLL\Pay Job_0000004245.log"
STDERR = "/usr/local/lsam/joblogs/pay_job.err"


def file_body(entry: str) -> dict:
    return {"action": "FILE", "jobInstanceActionItems": [{"id": 4245, "jorsRequestParameters": entry}]}


class RecordingSleep:
    def __init__(self) -> None:
        self.pauses: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.pauses.append(seconds)


def test_fetch_b_4_11_lists_then_fetches_every_file_polling_at_once_then_with_growing_pauses(respx_mock):
    respx_mock.post(ACTIONS, json__eq=LIST).respond(json=action(71, "submitted"))
    respx_mock.get(f"{ACTIONS}/71").mock(
        side_effect=[
            httpx.Response(200, json=action(71, "submitted")),
            httpx.Response(200, json=action(71, "submitted")),
            httpx.Response(200, json=action(71, "success", files=[STDOUT, STDERR])),
        ]
    )
    respx_mock.post(ACTIONS, json__eq=file_body(STDOUT)).respond(json=action(72, "submitted", "FILE"))
    respx_mock.get(f"{ACTIONS}/72").respond(json=action(72, "success", "FILE", data="step 1 ok\r\nstep 2 échoué\r\n"))
    respx_mock.post(ACTIONS, json__eq=file_body(STDERR)).respond(json=action(73, "success", "FILE", data="oops\n"))
    sleep = RecordingSleep()

    logs = OpConJobLogs(opcon_client(), sleep=sleep, poll_interval=0.5).fetch(make_job())

    assert logs == [
        JobLog("Pay Job_0000004245.log", "step 1 ok\r\nstep 2 échoué\r\n".encode()),
        JobLog("pay_job.err", b"oops\n"),
    ]
    assert sleep.pauses == [0.5, 1.0]


def test_fetch_b_4_11_returns_nothing_and_asks_nothing_for_a_job_without_job_number(respx_mock):
    assert OpConJobLogs(opcon_client(), sleep=RecordingSleep()).fetch(make_job(job_number=None)) == []


def test_fetch_b_4_11_returns_nothing_when_the_job_has_no_output_files(respx_mock):
    respx_mock.post(ACTIONS, json__eq=LIST).respond(json=action(71, "success", files=[]))

    assert OpConJobLogs(opcon_client(), sleep=RecordingSleep()).fetch(make_job()) == []


def test_fetch_b_4_11_a_failed_list_is_an_opcon_error_quoting_the_items_message(respx_mock):
    respx_mock.post(ACTIONS, json__eq=LIST).respond(json=action(71, "submitted"))
    failed = action(71, "failed", message="Unable to connect to JORS on WINAGENT01 port 3110")
    respx_mock.get(f"{ACTIONS}/71").respond(json=failed)

    with pytest.raises(OpConError, match="LIST action for job number 4245 failed: Unable to connect to JORS"):
        OpConJobLogs(opcon_client(), sleep=RecordingSleep()).fetch(make_job())


def test_fetch_b_4_11_a_failed_file_action_is_an_opcon_error(respx_mock):
    respx_mock.post(ACTIONS, json__eq=LIST).respond(json=action(71, "success", files=[STDOUT]))
    failed = action(72, "success", "FILE")
    failed["jobInstanceActionItems"][0].update(result="failed", message="File not found")
    respx_mock.post(ACTIONS, json__eq=file_body(STDOUT)).respond(json=failed)

    with pytest.raises(OpConError, match="FILE action for job number 4245 failed: File not found"):
        OpConJobLogs(opcon_client(), sleep=RecordingSleep()).fetch(make_job())


def test_fetch_b_4_11_gives_up_for_good_when_the_poll_budget_is_spent_so_no_retry_polls_again(respx_mock):
    respx_mock.post(ACTIONS, json__eq=LIST).respond(json=action(71, "submitted"))
    polls = respx_mock.get(f"{ACTIONS}/71").respond(json=action(71, "submitted"))
    sleep = RecordingSleep()

    with pytest.raises(OpConError, match="action 71 was not finished after 30 s"):
        OpConJobLogs(opcon_client(), sleep=sleep, poll_interval=0.5, poll_budget_seconds=30.0).fetch(make_job())

    assert sleep.pauses == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 2.5]
    assert polls.call_count == len(sleep.pauses) + 1


def test_fetch_b_4_11_does_not_poll_an_action_that_is_finished_on_submission(respx_mock):
    respx_mock.post(ACTIONS, json__eq=LIST).respond(json=action(71, "success", files=["JOB001.log"]))
    respx_mock.post(ACTIONS, json__eq=file_body("JOB001.log")).respond(json=action(72, "success", "FILE", data=None))
    sleep = RecordingSleep()

    logs = OpConJobLogs(opcon_client(), sleep=sleep).fetch(make_job())

    assert logs == [JobLog("JOB001.log", b"")]
    assert sleep.pauses == []


BIG_LOG = "".join(f"{n:06d} copied \"ledger\" to C:\\out — ok ✓ 😀\r\n" for n in range(20_000))


@pytest.mark.parametrize("ensure_ascii", [True, False], ids=["escaped", "utf-8"])
def test_fetch_b_4_11_a_big_log_arrives_byte_for_byte_as_utf8(respx_mock, ensure_ascii):
    reply = json.dumps(action(72, "success", "FILE", data=BIG_LOG), ensure_ascii=ensure_ascii).encode()
    respx_mock.post(ACTIONS, json__eq=LIST).respond(json=action(71, "success", files=[STDOUT]))
    respx_mock.post(ACTIONS, json__eq=file_body(STDOUT)).respond(content=reply)

    [log] = OpConJobLogs(opcon_client(), sleep=RecordingSleep()).fetch(make_job())

    assert log == JobLog("Pay Job_0000004245.log", BIG_LOG.encode("utf-8"))


def test_fetch_b_4_11_a_big_reply_that_is_not_json_is_an_opcon_error(respx_mock):
    cut_short = json.dumps(action(72, "success", "FILE", data=BIG_LOG)).encode()[:-300_000]
    respx_mock.post(ACTIONS, json__eq=LIST).respond(json=action(71, "success", files=[STDOUT]))
    respx_mock.post(ACTIONS, json__eq=file_body(STDOUT)).respond(content=cut_short)

    with pytest.raises(OpConError, match="POST /api/jobinstanceactions answered 200 OK with a body that is not JSON"):
        OpConJobLogs(opcon_client(), sleep=RecordingSleep()).fetch(make_job())


def test_fetch_b_9_4_a_refused_token_on_a_job_log_call_names_the_token(respx_mock):
    respx_mock.post(ACTIONS).respond(401, json={"title": "Unauthorized", "status": 401})

    with pytest.raises(OpConError) as raised:
        OpConJobLogs(opcon_client(), sleep=RecordingSleep()).fetch(make_job())

    assert str(raised.value) == "[OPCON API] TOKEN was refused by OpCon (HTTP 401 on POST /api/jobinstanceactions)"


def test_fetch_b_4_11_a_connection_dropped_while_the_log_arrives_is_transient():
    def opcon(request: httpx.Request) -> httpx.Response:
        if json.loads(request.content)["action"] == "LIST":
            return httpx.Response(200, json=action(71, "success", files=[STDOUT]))
        started = b'{"id": 72, "jobInstanceActionItems": [{"data": "' + b"x" * 99
        return httpx.Response(200, stream=DroppedMidway(started))

    client = httpx.Client(base_url=BASE, transport=httpx.MockTransport(opcon))

    with pytest.raises(OpConUnavailable, match=r"POST /api/jobinstanceactions could not be reached \(RemoteProtocol"):
        OpConJobLogs(client, sleep=RecordingSleep()).fetch(make_job())


class DroppedMidway(httpx.SyncByteStream):
    """A reply body whose connection drops after `first`."""

    def __init__(self, first: bytes) -> None:
        self._first = first

    def __iter__(self):
        yield self._first
        raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")
