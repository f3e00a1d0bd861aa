"""OpConJobActions (B-12.1): POST /api/jobactions with the daily job id and a reason, then poll until the action is
no longer `submitted` (shape: SMA's Java client `model/JobAction.java`)."""

import httpx
import pytest

from summit_connector.adapters.opcon.job_actions import OpConJobActions
from summit_connector.application.errors import OpConError, OpConUnavailable

from tests.integration.adapters.opcon_samples import BASE, JOB_ID, TOKEN, opcon_client

pytestmark = pytest.mark.respx(base_url=BASE, assert_all_called=True, assert_all_mocked=True)

ACTIONS = "/api/jobactions"
REASON = "Summit incident 10001 is In-Progress"
UNDER_REVIEW = {"action": "markUnderReview", "jobs": [{"id": JOB_ID}], "reason": REASON}


def reply(action_id: int, result: str, message: str | None = None, job_message: str | None = None) -> dict:
    return {"id": action_id, "action": "markUnderReview", "result": result, "message": message, "reason": REASON,
            "jobs": [{"id": JOB_ID, "result": result, "message": job_message}]}


class RecordingSleep:
    def __init__(self) -> None:
        self.pauses: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.pauses.append(seconds)


def apply(sleep=None, pauses=(0.0, 0.0, 0.0)) -> str:
    actions = OpConJobActions(opcon_client(), sleep=sleep or RecordingSleep(), pauses=pauses)
    return actions.apply(JOB_ID, "markUnderReview", REASON)


def test_apply_b_12_1_posts_the_action_for_the_daily_job_and_polls_until_it_succeeds(respx_mock):
    posted = respx_mock.post(ACTIONS, json__eq=UNDER_REVIEW).respond(json=reply(31, "submitted"))
    respx_mock.get(f"{ACTIONS}/31").mock(side_effect=[httpx.Response(200, json=reply(31, "submitted")),
                                                      httpx.Response(200, json=reply(31, "success"))])
    sleep = RecordingSleep()

    result = apply(sleep, pauses=(0.05, 0.1, 0.25))

    assert result == "success"
    assert sleep.pauses == [0.05, 0.1]
    assert posted.calls.last.request.headers["Authorization"] == f"Token {TOKEN}"


def test_apply_b_12_1_does_not_poll_an_action_opcon_finished_at_once(respx_mock):
    respx_mock.post(ACTIONS, json__eq=UNDER_REVIEW).respond(json=reply(31, "success"))

    assert apply() == "success"


def test_apply_b_12_1_a_failed_action_is_a_refusal_carrying_opcons_reason(respx_mock):
    respx_mock.post(ACTIONS).respond(json=reply(31, "submitted"))
    respx_mock.get(f"{ACTIONS}/31").respond(json=reply(31, "failed", job_message="not allowed on 'Fixed'"))

    with pytest.raises(OpConError, match="markUnderReview.*not allowed on 'Fixed'") as refused:
        apply()

    assert refused.value.status_code is None


def test_apply_b_12_2_a_daily_job_opcon_no_longer_knows_is_a_404_refusal(respx_mock):
    respx_mock.post(ACTIONS).respond(404, json={"type": "x", "title": "Not Found", "status": 404,
                                                "detail": f"Daily job '{JOB_ID}' was not found."})

    with pytest.raises(OpConError) as refused:
        apply()

    assert refused.value.status_code == 404


def test_apply_b_12_2_an_action_still_submitted_after_the_last_pause_is_left_for_the_next_pass(respx_mock):
    respx_mock.post(ACTIONS).respond(json=reply(31, "submitted"))
    polled = respx_mock.get(f"{ACTIONS}/31").respond(json=reply(31, "submitted"))

    with pytest.raises(OpConUnavailable, match="still submitted"):
        apply(pauses=(0.0, 0.0))

    assert polled.call_count == 2


@pytest.mark.parametrize("failure", [httpx.ConnectError("refused"), httpx.Response(503)])
def test_apply_b_12_2_an_opcon_that_cannot_be_reached_is_unavailable(respx_mock, failure):
    respx_mock.post(ACTIONS).mock(side_effect=[failure])

    with pytest.raises(OpConUnavailable):
        apply()


def test_apply_b_12_2_an_action_opcon_lost_while_polling_is_left_for_the_next_pass_not_a_job_gone(respx_mock):
    respx_mock.post(ACTIONS).respond(json=reply(31, "submitted"))
    respx_mock.get(f"{ACTIONS}/31").respond(404, json={"status": 404, "title": "Not Found", "detail": "Job action 31"})

    with pytest.raises(OpConUnavailable, match="no longer knows its job action 31"):
        apply()
