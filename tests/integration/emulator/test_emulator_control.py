"""Driving a separately running emulator (`summit-connector sandbox`) over HTTP under /_emulator."""

import time

import httpx
import pytest

from tests.integration.emulator.emulator_requests import JSON_CALL

DETAILS = {"ServiceName": "IM_GetIncidentDetailsAndChangeHistory", "objCommonParameters": {
    "_ProxyDetails": {"AuthType": "APIKEY", "APIKey": "sandbox-key", "OrgID": 1}, "TicketNo": 9002}}


@pytest.fixture(scope="module")
def control(emulator):
    with httpx.Client(base_url=f"{emulator.opcon_url}/_emulator", timeout=2) as client:
        yield client


@pytest.fixture(scope="module")
def summit(emulator):
    with httpx.Client(base_url=emulator.summit_url, timeout=2) as client:
        yield client


def test_state_shows_urls_jobs_incidents_and_requests_without_a_token(emulator, control, summit):
    summit.post(JSON_CALL, json=DETAILS)

    state = control.get("/state").json()

    assert state["urls"] == {"opcon": emulator.opcon_url, "summit": emulator.summit_url}
    assert state["jobs"][emulator.samples.plain.id]["jobNumber"] == 4245
    assert state["incidents"]["9002"]["status"] == "Resolved"
    assert state["requests"][-1]["body"]["ServiceName"] == "IM_GetIncidentDetailsAndChangeHistory"
    assert state["counters"]["summit:IM_GetIncidentDetailsAndChangeHistory"] == 1


def test_control_requests_are_not_logged_nor_faulted(emulator, control):
    emulator.faults.fail("opcon", 500, times=None)

    response = control.get("/state")

    assert response.status_code == 200
    assert response.json()["requests"] == []


def test_faults_posted_over_http_apply(control, summit):
    posted = control.post("/faults", json={"action": "fail", "api": "summit", "status": 503, "times": 1,
                                           "pathContains": "IM_Get", "retryAfter": 2})

    assert posted.json()["faults"][0]["path_contains"] == "IM_Get"
    assert summit.post(JSON_CALL, json=DETAILS).status_code == 503
    assert summit.post(JSON_CALL, json=DETAILS).status_code == 200


def test_down_over_http_needs_seconds_for_opcon_and_comes_back(control, summit):
    refused = control.post("/faults", json={"action": "down", "api": "opcon"})
    control.post("/faults", json={"action": "down", "api": "summit", "seconds": 0.2})

    with pytest.raises(httpx.ConnectError):
        summit.post(JSON_CALL, json=DETAILS)
    time.sleep(0.4)

    assert refused.status_code == 400
    assert summit.post(JSON_CALL, json=DETAILS).status_code == 200


@pytest.mark.parametrize("body", [{"action": "explode"}, {"action": "fail", "api": "nope"},
                                  {"action": "hang", "api": "opcon", "minutes": 1}])
def test_bad_fault_requests_are_400(control, body):
    assert control.post("/faults", json=body).status_code == 400


def test_reset_restores_the_samples_and_clears_faults(emulator, control):
    emulator.set_incident_status("9002", "Closed")
    emulator.faults.fail("summit", 500, times=None)

    control.post("/reset")

    assert emulator.state.incidents["9002"].status == "Resolved"
    assert emulator.faults.active() == []


def test_settings_change_behaviour_and_unknown_ones_are_refused(emulator, control, summit):
    changed = control.post("/settings", json={"doubleEncode": True, "knownValues": {"Category_Name": None}})
    unknown = control.post("/settings", json={"colour": "blue"})

    assert changed.json()["double_encode"] is True
    assert emulator.settings.known_values["Category_Name"] is None
    assert isinstance(summit.post(JSON_CALL, json=DETAILS).json(), str)
    assert unknown.status_code == 400


def test_incident_status_can_be_set_over_http(emulator, control):
    response = control.post("/incident-status", json={"ticket": "9001", "status": "Resolved"})

    assert response.status_code == 200
    assert emulator.state.incidents["9001"].status == "Resolved"
    assert control.post("/incident-status", json={"ticket": "1", "status": "New"}).status_code == 400


def test_an_unknown_control_is_404(control):
    assert control.get("/nothing").status_code == 404
