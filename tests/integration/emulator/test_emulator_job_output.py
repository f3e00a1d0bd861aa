"""The emulated JORS job output: LIST then FILE actions, polled until they finish (B-4.11)."""

import json

import httpx
import pytest

from tests.integration.emulator.emulator_requests import TOKEN

LOG_DIR = "C:\\ProgramData\\OpConxps\\SAM\\Log\\"


@pytest.fixture(scope="module")
def opcon(emulator):
    with httpx.Client(base_url=emulator.opcon_url, headers=TOKEN) as client:
        yield client


def submit(opcon, action: str, item: dict) -> dict:
    response = opcon.post("/api/jobinstanceactions", json={"action": action, "jobInstanceActionItems": [item]})
    return response.json()


def poll(opcon, action_id: int) -> dict:
    return opcon.get(f"/api/jobinstanceactions/{action_id}").json()


def test_list_is_submitted_first_then_lists_every_output_file(opcon):
    submitted = submit(opcon, "LIST", {"id": 4245})

    first, second = poll(opcon, submitted["id"]), poll(opcon, submitted["id"])

    assert (submitted["result"], first["result"], second["result"]) == ("submitted", "submitted", "success")
    assert second["jobInstanceActionItems"][0]["files"] == [
        f"{LOG_DIR}JOB001_0000004245.stdout", f"{LOG_DIR}JOB001_0000004245.stderr"]


def test_file_returns_the_text_for_a_listed_path(opcon):
    path = f"{LOG_DIR}JOB001_0000004245.stderr"
    action = submit(opcon, "FILE", {"id": 4245, "jorsRequestParameters": path})

    poll(opcon, action["id"])
    item = poll(opcon, action["id"])["jobInstanceActionItems"][0]

    assert item["data"].startswith("ERROR: file /data/payroll/in/employees.csv not found")
    assert item["jorsRequestParameters"] == path


def test_file_accepts_the_path_json_quoted_a_second_time(emulator, opcon):
    emulator.settings.jors_pending_polls = 0
    quoted = json.dumps(f"{LOG_DIR}JOB001_0000004245.stdout")

    action = submit(opcon, "FILE", {"id": 4245, "jorsRequestParameters": quoted})

    assert poll(opcon, action["id"])["jobInstanceActionItems"][0]["data"].startswith("Starting payroll")


def test_pending_polls_are_configurable(emulator, opcon):
    emulator.settings.jors_pending_polls = 3
    action = submit(opcon, "LIST", {"id": 4245})

    results = [poll(opcon, action["id"])["result"] for _ in range(4)]

    assert results == ["submitted", "submitted", "submitted", "success"]


def test_an_unknown_job_number_fails_with_a_message(emulator, opcon):
    emulator.settings.jors_pending_polls = 0
    action = submit(opcon, "LIST", {"id": 999})

    result = poll(opcon, action["id"])

    assert result["result"] == "failed"
    assert result["jobInstanceActionItems"][0]["result"] == "failed"
    assert "999" in result["jobInstanceActionItems"][0]["message"]


def test_an_unknown_file_fails_with_a_message(emulator, opcon):
    emulator.settings.jors_pending_polls = 0
    action = submit(opcon, "FILE", {"id": 4245, "jorsRequestParameters": f"{LOG_DIR}other.log"})

    assert poll(opcon, action["id"])["jobInstanceActionItems"][0]["result"] == "failed"


def test_bad_action_unknown_action_id(opcon):
    bad = opcon.post("/api/jobinstanceactions", json={"action": "DELETE", "jobInstanceActionItems": [{"id": 1}]})

    assert bad.status_code == 400
    assert opcon.get("/api/jobinstanceactions/777").status_code == 404
