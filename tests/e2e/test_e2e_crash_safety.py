"""A run killed at any side-effect step (SIGKILL: power loss, service restart) never makes a second incident
(B-9.1): the intent is on record before the create is sent and the number right after Summit answers."""

import os
import signal
import subprocess
import time

from tests.e2e.cli_runner import CLI

HANG_SECONDS = 30.0


def incidents_for(sandbox, job_name: str) -> list[str]:
    with sandbox.emulator.state.lock:
        return [number for number, incident in sandbox.emulator.state.incidents.items()
                if job_name in incident.fields.get("Description", "")]


def requests_to(sandbox, fragment: str) -> int:
    with sandbox.emulator.state.lock:
        return sum(1 for request in sandbox.emulator.state.requests if fragment.lower() in request.path.lower())


def report_killed_while(sandbox, job, api: str, fragment: str, seen_as: str = "") -> None:
    """Starts `report`, waits until the request matching `fragment` hangs in the emulator (its path holds
    `seen_as`, by default `fragment`), then kills the run with SIGKILL."""
    sandbox.emulator.faults.hang(api, HANG_SECONDS, times=1, path_contains=fragment)
    fragment = seen_as or fragment
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SUMMIT_CONNECTOR_")}
    run = subprocess.Popen([str(CLI), "-c", str(sandbox.config), *job.report_args(), "-t", "sandbox"],
                           cwd=sandbox.folder, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while requests_to(sandbox, fragment) == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=10)
    assert run.returncode == -signal.SIGKILL
    sandbox.emulator.faults.clear()


def test_killed_while_the_opcon_write_back_hangs_the_next_report_updates_the_one_incident_b_9_1(sandbox):
    job = sandbox.samples.plain
    report_killed_while(sandbox, job, "opcon", "incidentTickets")
    assert incidents_for(sandbox, "JOB001") == ["10001"]

    again = sandbox.report(job, "--json")

    assert again.code == 0, again.stderr
    assert '"action": "updated"' in again.stdout and '"ticket_number": "10001"' in again.stdout
    assert incidents_for(sandbox, "JOB001") == ["10001"]
    assert sandbox.job(job).incident_ticket_id == "10001"


def test_killed_during_the_job_log_upload_the_next_report_updates_the_one_incident_b_9_1(sandbox):
    job = sandbox.samples.plain
    report_killed_while(sandbox, job, "summit", "UploadAttachment")

    again = sandbox.report(job, "--json")

    assert again.code == 0, again.stderr
    assert '"action": "updated"' in again.stdout
    assert incidents_for(sandbox, "JOB001") == ["10001"]


def test_killed_while_summit_holds_the_create_the_next_report_creates_nothing_blindly_b_9_1(sandbox):
    job = sandbox.samples.plain
    report_killed_while(sandbox, job, "summit", "IM_LogOrUpdateIncident", seen_as="CommonWS_JsonObjCall")
    time.sleep(0.5)

    again = sandbox.report(job)
    listed = sandbox.run("outbox", "-c", str(sandbox.config))

    assert again.code == 1, again.stderr
    assert "uncertain" in listed.stdout
    assert len(incidents_for(sandbox, "JOB001")) <= 1
