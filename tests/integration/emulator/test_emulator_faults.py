"""Fault injection and server lifecycle: errors N times, hangs, a server down and back on the same port (B-9)."""

import socket
import threading
import time

import httpx
import pytest

from summit_connector.adapters.emulator import Emulator

from tests.integration.emulator.emulator_requests import JSON_CALL, PROXY, TOKEN

CREATE = {"ServiceName": "IM_LogOrUpdateIncident", "objCommonParameters": {
    "_ProxyDetails": PROXY, "RequestType": "RemoteCall",
    "incidentParamsJSON": {"IncidentContainerJsonObj": {"Updater": "Executive", "Ticket": {"Ticket_No": ""}}}}}
DETAILS = {"ServiceName": "IM_GetIncidentDetailsAndChangeHistory",
           "objCommonParameters": {"_ProxyDetails": PROXY, "TicketNo": 9001}}
LIST = {"ServiceName": "IM_GetIncidentListwithDetails",
        "objCommonParameters": {"_ProxyDetails": PROXY, "objIncidentCommonFilter": {"Status": "New"}}}


@pytest.fixture
def opcon(emulator):
    with httpx.Client(base_url=emulator.opcon_url, headers=TOKEN, timeout=2) as client:
        yield client


@pytest.fixture
def summit(emulator):
    with httpx.Client(base_url=emulator.summit_url, timeout=2) as client:
        yield client


def test_fail_answers_the_status_n_times_then_behaves(emulator, summit):
    emulator.faults.fail("summit", 503, times=2, retry_after=1)

    statuses = [summit.post(JSON_CALL, json=DETAILS) for _ in range(3)]

    assert [r.status_code for r in statuses] == [503, 503, 200]
    assert statuses[0].headers["Retry-After"] == "1"
    assert emulator.state.counters["faults"] == 2
    assert emulator.state.counters["summit"] == 3


def test_fail_matches_the_path_and_for_summit_the_service_name(emulator, opcon, summit):
    emulator.faults.fail("opcon", 500, times=None, path_contains="incidentTickets")
    emulator.faults.fail("summit", 500, path_contains="IM_GetIncidentDetails")

    assert opcon.get("/api/dailyjobs").status_code == 200
    assert opcon.get(f"/api/dailyjobs/{emulator.samples.plain.uid}/incidentTickets").status_code == 500
    assert summit.post(JSON_CALL, json=CREATE).status_code == 200
    assert summit.post(JSON_CALL, json=DETAILS).status_code == 500


def test_an_injected_401_on_opcon_has_the_token_error_shape(emulator, opcon):
    emulator.faults.fail("opcon", 401)

    response = opcon.get("/api/dailyjobs")

    assert response.json()[0]["message"] == "Invalid token specified"


def test_fail_after_processing_loses_the_reply_but_keeps_the_ticket(emulator, summit):
    emulator.faults.fail("summit", 502, after=True)

    response = summit.post(JSON_CALL, json=CREATE)

    assert response.status_code == 502
    assert "10001" in emulator.state.incidents


def test_a_lost_reply_keeps_the_incident_and_closes_the_connection_unanswered(emulator, summit):
    """A lost answer: Summit committed the create, and the client sees the server hang up without a word."""
    emulator.faults.lose_reply("IM_LogOrUpdateIncident")

    with pytest.raises(httpx.RemoteProtocolError):
        summit.post(JSON_CALL, json=CREATE)

    assert "10001" in emulator.state.incidents
    assert emulator.state.counters["faults"] == 1
    assert summit.post(JSON_CALL, json=CREATE).json()["TicketNo"] == 10002


def test_a_lost_reply_rule_names_one_service_and_leaves_the_others_alone(emulator, summit):
    emulator.faults.lose_reply("im_logorupdateincident", times=None)

    assert summit.post(JSON_CALL, json=DETAILS).status_code == 200
    assert summit.post(JSON_CALL, json=LIST).status_code == 200
    with pytest.raises(httpx.RemoteProtocolError):
        summit.post(JSON_CALL, json=CREATE)


def test_a_service_named_in_fail_fails_that_service_only(emulator, summit):
    emulator.faults.fail("IM_GetIncidentListwithDetails", 500, times=None)

    assert summit.post(JSON_CALL, json=LIST).status_code == 500
    assert summit.post(JSON_CALL, json=DETAILS).status_code == 200
    assert summit.post(JSON_CALL, json=CREATE).status_code == 200
    assert summit.post(JSON_CALL, json=LIST).status_code == 500


def test_a_service_name_is_matched_whole_not_as_a_prefix(emulator, summit):
    emulator.faults.fail("IM_GetIncidentDetailsAndChangeHistory", 500)
    other = {**DETAILS, "ServiceName": "IM_GetIncidentDetailsAndChangeHistoryV2"}

    assert summit.post(JSON_CALL, json=other).status_code == 200
    assert summit.post(JSON_CALL, json=DETAILS).status_code == 500


def test_the_upload_operation_can_be_named_too(emulator, summit):
    emulator.faults.fail("Summit_UploadAttachmentBase64Encoded", 502)
    upload = JSON_CALL.replace("CommonWS_JsonObjCall", "Summit_UploadAttachmentBase64Encoded")

    assert summit.post(JSON_CALL, json=DETAILS).status_code == 200
    assert summit.post(upload, json={"objCommonParameters": {"_ProxyDetails": PROXY}}).status_code == 502


def test_a_lost_reply_and_a_failing_list_can_be_armed_over_the_control_api(emulator, summit):
    with httpx.Client(base_url=emulator.opcon_url, timeout=2) as control:
        armed = [control.post("/_emulator/faults", json=body).status_code for body in (
            {"action": "lose_reply", "service": "IM_LogOrUpdateIncident"},
            {"action": "fail", "service": "IM_GetIncidentListwithDetails", "status": 500})]

    with pytest.raises(httpx.RemoteProtocolError):
        summit.post(JSON_CALL, json=CREATE)
    assert (armed, summit.post(JSON_CALL, json=LIST).status_code) == ([200, 200], 500)
    assert "10001" in emulator.state.incidents


def test_hang_outlasts_a_short_client_timeout_then_behaves(emulator, opcon):
    emulator.faults.hang("opcon", 1.0)

    with pytest.raises(httpx.ReadTimeout):
        opcon.get("/api/version", timeout=0.2)

    assert opcon.get("/api/version").status_code == 200


def test_down_refuses_connections_and_up_serves_again_on_the_same_port(emulator, summit):
    url = emulator.summit_url
    emulator.faults.down("summit")

    with pytest.raises(httpx.ConnectError):
        summit.post(JSON_CALL, json=DETAILS)
    emulator.faults.up("summit")

    assert emulator.summit_url == url
    assert summit.post(JSON_CALL, json=DETAILS).status_code == 200


def test_down_for_some_seconds_comes_back_by_itself(emulator, opcon):
    emulator.faults.down("opcon", seconds=0.2)

    with pytest.raises(httpx.ConnectError):
        opcon.get("/api/version")
    time.sleep(0.4)

    assert opcon.get("/api/version").status_code == 200


def test_clear_removes_rules_and_brings_servers_back(emulator, opcon):
    emulator.faults.fail("opcon", 500, times=None)
    emulator.faults.down("summit")

    emulator.faults.clear()

    assert opcon.get("/api/version").status_code == 200
    assert httpx.post(f"{emulator.summit_url}{JSON_CALL}", json=DETAILS).status_code == 200
    assert emulator.faults.active() == []


@pytest.mark.parametrize("api", ["servicenow", "IM_NoSuchService"])
def test_an_unknown_api_or_service_is_refused(api):
    with pytest.raises(ValueError):
        Emulator().faults.fail(api, 500)


def test_stop_does_not_wait_for_a_hanging_request():
    emulator = Emulator()
    emulator.start()
    emulator.faults.hang("opcon", 30)
    outcome: list[object] = []
    client = threading.Thread(target=lambda: outcome.append(_get_version(emulator.opcon_url)))
    client.start()
    _wait_for(lambda: emulator.state.requests)

    started = time.monotonic()
    emulator.stop()
    client.join(timeout=5)

    assert time.monotonic() - started < 2
    assert not client.is_alive()
    assert isinstance(outcome[0], httpx.TransportError)


def test_start_and_stop_leave_no_thread_and_free_the_ports():
    before = set(threading.enumerate())
    emulator = Emulator()

    with emulator:
        assert httpx.get(f"{emulator.opcon_url}/api/version").status_code == 200
    _wait_for(lambda: set(threading.enumerate()) <= before)

    assert set(threading.enumerate()) <= before
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{emulator.opcon_url}/api/version")


def test_start_on_given_ports():
    opcon_port, summit_port = _free_port(), _free_port()

    emulator = Emulator()

    emulator.start(opcon_port=opcon_port, summit_port=summit_port)
    try:
        assert emulator.opcon_url == f"http://127.0.0.1:{opcon_port}"
        assert emulator.summit_url == f"http://127.0.0.1:{summit_port}"
    finally:
        emulator.stop()


def _get_version(url: str) -> object:
    try:
        return httpx.get(f"{url}/api/version", timeout=10)
    except httpx.TransportError as error:
        return error


def _wait_for(condition, seconds: float = 2) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
