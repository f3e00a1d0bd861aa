"""The emulated job actions (B-12.1): POST /api/jobactions, then poll GET /api/jobactions/{id}.

Contract from SMA's Java client, `smatechnologies/opcon-rest-api-client-java` @ 07dadedae3a7:
`model/JobAction.java` (request and reply shape, action names), `model/Result.java` (submitted/success/failed),
`api/jobactions/WsJobActions.java` (POST, then GET by id), `util/JobActionUtil.java` (which action each job status
allows: markUnderReview only from Failed, markFixed from Failed or Under Review, none while processing events) and
`model/JobStatus.java` (status descriptions and their categories).
"""

import httpx
import pytest

from tests.integration.emulator.emulator_requests import TOKEN


@pytest.fixture(scope="module")
def opcon(emulator):
    with httpx.Client(base_url=emulator.opcon_url, headers=TOKEN) as client:
        yield client


@pytest.fixture
def job_id(emulator):
    return emulator.samples.plain.id


def submit(opcon, action: str, job_id: str, reason: str = "Summit incident 10001 is In-Progress") -> httpx.Response:
    return opcon.post("/api/jobactions", json={"action": action, "jobs": [{"id": job_id}], "reason": reason})


def poll(opcon, action_id: int) -> dict:
    return opcon.get(f"/api/jobactions/{action_id}").json()


def finished(opcon, action_id: int) -> dict:
    return [poll(opcon, action_id) for _ in range(2)][-1]


def test_a_seeded_failed_job_shows_opcons_failed_status_object(opcon, job_id):
    job = opcon.get(f"/api/dailyjobs/{job_id}").json()

    assert job["status"] == {"id": 910, "startStatus": None, "description": "Failed", "category": "Failed",
                             "changeReason": None}


def test_mark_under_review_is_submitted_then_succeeds_and_changes_the_job_status(emulator, opcon, job_id):
    submitted = submit(opcon, "markUnderReview", job_id).json()

    first, second = poll(opcon, submitted["id"]), poll(opcon, submitted["id"])

    assert (submitted["result"], first["result"], second["result"]) == ("submitted", "submitted", "success")
    assert second["jobs"][0]["status"]["category"] == "Under Review"
    assert opcon.get(f"/api/dailyjobs/{job_id}").json()["status"]["description"] == "Under Review"
    assert emulator.state.jobs[job_id].status_reason == "Summit incident 10001 is In-Progress"


def test_every_action_is_recorded_with_its_reason_and_outcome(emulator, opcon, job_id):
    action_id = submit(opcon, "markFixed", job_id, "Summit incident 10001 is Resolved").json()["id"]
    finished(opcon, action_id)

    recorded = emulator.state.job_actions[action_id]

    assert (recorded.action, recorded.job_ids, recorded.reason) == ("markFixed", [job_id],
                                                                    "Summit incident 10001 is Resolved")
    assert recorded.outcomes == {job_id: ("success", None)}
    assert opcon.get("/_emulator/state").json()["jobActions"][0]["result"] == "success"


def test_mark_fixed_is_allowed_from_under_review(emulator, opcon, job_id):
    emulator.state.set_job_status(job_id, "Under Review")

    reply = finished(opcon, submit(opcon, "markFixed", job_id).json()["id"])

    assert reply["result"] == "success"
    assert emulator.state.jobs[job_id].status == "Fixed"


@pytest.mark.parametrize("action, status", [("markUnderReview", "Under Review"), ("markUnderReview", "Fixed"),
                                            ("markFixed", "Finished OK"), ("markFixed", "Fixed"),
                                            ("markUnderReview", "Failed; Processing Events")])
def test_a_transition_javas_job_action_util_forbids_fails_with_a_reason(emulator, opcon, job_id, action, status):
    emulator.state.set_job_status(job_id, status)

    reply = finished(opcon, submit(opcon, action, job_id).json()["id"])

    assert reply["result"] == "failed"
    assert status in reply["message"] and reply["jobs"][0]["result"] == "failed"
    assert emulator.state.jobs[job_id].status == status


def test_the_transition_is_checked_when_the_action_is_carried_out(emulator, opcon, job_id):
    action_id = submit(opcon, "markUnderReview", job_id).json()["id"]
    emulator.state.set_job_status(job_id, "Finished OK")

    assert finished(opcon, action_id)["result"] == "failed"


def test_polls_before_the_result_are_configurable(emulator, opcon, job_id):
    emulator.settings.job_action_pending_polls = 3
    action_id = submit(opcon, "markFinishedOk", job_id).json()["id"]

    results = [poll(opcon, action_id)["result"] for _ in range(4)]

    assert results == ["submitted", "submitted", "submitted", "success"]
    assert emulator.state.jobs[job_id].status == "Marked Finished OK"


def test_a_finished_action_answers_the_same_when_polled_again(opcon, job_id):
    action_id = submit(opcon, "markUnderReview", job_id).json()["id"]
    finished(opcon, action_id)

    assert poll(opcon, action_id)["result"] == "success"


def test_an_unknown_daily_job_is_404(opcon):
    response = submit(opcon, "markFixed", "20240921|16|1|NO_SUCH_JOB")

    assert response.status_code == 404
    assert "NO_SUCH_JOB" in response.json()["detail"]


def test_a_daily_job_removed_from_the_daily_is_404(emulator, opcon, job_id):
    emulator.state.remove_job(job_id)

    assert submit(opcon, "markFixed", job_id).status_code == 404


def test_an_unknown_action_id_is_404(opcon):
    assert opcon.get("/api/jobactions/999").status_code == 404


@pytest.mark.parametrize("body", [{"action": "explode", "jobs": [{"id": "x"}]}, {"action": "markFixed"},
                                  {"action": "markFixed", "jobs": []}, {"action": "markFixed", "jobs": ["x"]},
                                  {"action": "markFixed", "jobs": [{"id": 5}]},
                                  {"action": "markFixed", "jobs": [{"id": "x"}], "reason": 7}])
def test_a_request_of_another_shape_is_400(opcon, body):
    response = opcon.post("/api/jobactions", json=body)

    assert response.status_code == 400
    assert response.json()["code"] == 400


def test_job_actions_need_the_token(emulator, job_id):
    response = httpx.post(f"{emulator.opcon_url}/api/jobactions",
                          json={"action": "markFixed", "jobs": [{"id": job_id}]})

    assert response.status_code == 401


def test_the_status_filter_matches_the_category(emulator, opcon, job_id):
    emulator.state.set_job_status(job_id, "Under Review")

    under_review = opcon.get("/api/dailyjobs", params={"status": "underReview"}).json()

    assert [job["id"] for job in under_review] == [job_id]


def test_the_control_api_changes_a_job_status(emulator, opcon, job_id):
    changed = opcon.post("/_emulator/job-status", json={"job": job_id, "status": "Finished OK"})
    unknown = opcon.post("/_emulator/job-status", json={"job": job_id, "status": "Sleeping"})

    assert changed.status_code == 200 and unknown.status_code == 400
    assert opcon.get(f"/api/dailyjobs/{job_id}").json()["status"]["id"] == 900
