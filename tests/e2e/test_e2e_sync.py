"""`sync` end to end (B-12): the installed CLI reads Summit's status of each journaled incident from the emulator
and marks the OpCon daily job, once per status change; the analyst moves tickets through the control API."""

import json
import signal
import subprocess
import time

import httpx
import pytest

from tests.e2e.cli_runner import CLI


@pytest.fixture
def failed(sandbox):
    """JOB001 failed and `report` opened incident N for it (so the journal holds it); returns N."""
    run = sandbox.report(sandbox.samples.plain)
    assert run.code == 0, run.stderr
    return sandbox.job(sandbox.samples.plain).incident_ticket_id


def analyst_sets(sandbox, ticket: str, status: str) -> None:
    response = httpx.post(f"{sandbox.emulator.opcon_url}/_emulator/incident-status",
                          json={"ticket": ticket, "status": status})
    response.raise_for_status()


def sync_once(sandbox):
    return sandbox.run("sync", "-c", str(sandbox.config), "--once")


def actions_taken(sandbox) -> list[tuple[str, list[str], str | None, str]]:
    return [(request.action, request.job_ids, request.reason, request.result)
            for request in sandbox.emulator.state.job_actions.values()]


def test_in_progress_marks_the_job_under_review_once_b_12_1_b_12_2(sandbox, failed):
    analyst_sets(sandbox, failed, "In-Progress")

    first, second = sync_once(sandbox), sync_once(sandbox)

    assert (first.code, second.code) == (0, 0), first.stderr + second.stderr
    job = sandbox.job(sandbox.samples.plain)
    assert actions_taken(sandbox) == [("markUnderReview", [job.id], f"Summit incident {failed} is In-Progress",
                                       "success")]
    assert job.status == "Under Review"
    assert "markUnderReview" in first.stdout and "0 action(s) taken" in second.stdout


def test_resolved_marks_the_job_fixed_once_and_closed_ends_tracking_b_12_1(sandbox, failed):
    analyst_sets(sandbox, failed, "In-Progress")
    sync_once(sandbox)
    analyst_sets(sandbox, failed, "Resolved")

    fixed, again = sync_once(sandbox), sync_once(sandbox)
    analyst_sets(sandbox, failed, "Closed")
    closed, after = sync_once(sandbox), sync_once(sandbox)

    assert [run.code for run in (fixed, again, closed, after)] == [0, 0, 0, 0]
    assert [action for action, *_ in actions_taken(sandbox)] == ["markUnderReview", "markFixed"]
    assert sandbox.job(sandbox.samples.plain).status == "Fixed"
    assert "tracking ended" in closed.stdout
    assert "no incident is tracked" in after.stdout


def test_a_daily_job_opcon_no_longer_knows_ends_tracking_with_a_history_event_b_12_2(sandbox, failed):
    analyst_sets(sandbox, failed, "In-Progress")
    sandbox.emulator.state.remove_job(sandbox.samples.plain.id)

    gone, after = sync_once(sandbox), sync_once(sandbox)

    assert (gone.code, after.code) == (0, 0), gone.stderr
    assert "no longer knows daily job" in gone.stdout
    assert "no incident is tracked" in after.stdout
    assert history_reasons(sandbox, "sync") == [next(line for line in gone.stdout.splitlines() if "no longer" in line)]


def test_an_opcon_that_cannot_be_reached_leaves_the_change_for_the_next_pass_exit_1_b_12_2(sandbox, failed):
    analyst_sets(sandbox, failed, "In-Progress")
    sandbox.emulator.faults.fail("opcon", 503, times=None, path_contains="jobactions")

    kept = sync_once(sandbox)
    sandbox.emulator.faults.clear()
    retried = sync_once(sandbox)

    assert (kept.code, retried.code) == (1, 0), retried.stderr
    assert "left for the next pass" in kept.stderr
    assert [action for action, *_ in actions_taken(sandbox)] == ["markUnderReview"]


def test_without_once_the_pass_repeats_until_ctrl_c_which_exits_0_b_12_2(sandbox, failed):
    analyst_sets(sandbox, failed, "In-Progress")
    running = subprocess.Popen([str(CLI), "sync", "-c", str(sandbox.config), "--interval", "0.2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=sandbox.folder)
    wait_for(lambda: actions_taken(sandbox))
    analyst_sets(sandbox, failed, "Resolved")
    wait_for(lambda: len(actions_taken(sandbox)) == 2)

    running.send_signal(signal.SIGINT)
    stdout, stderr = running.communicate(timeout=20)

    assert running.returncode == 0, stderr
    assert "sync stopped" in stderr and "Traceback" not in stderr
    assert [action for action, *_ in actions_taken(sandbox)] == ["markUnderReview", "markFixed"]


def wait_for(condition, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def history_reasons(sandbox, command: str) -> list[str]:
    run = sandbox.run("history", "-c", str(sandbox.config), "--json")
    assert run.code == 0, run.stderr
    return [event["reason"] for event in json.loads(run.stdout) if event["command"] == command]


def test_an_incident_recover_resolved_asks_sync_for_no_job_action_b_11_2_b_12_2(sandbox, failed):
    """The job finished OK and this connector resolved the incident itself: markFixed would only be refused."""
    template = json.loads(sandbox.template.read_text())
    sandbox.edit_template(recovery={**template.get("recovery", {}), "action": "resolve"})
    sandbox.emulator.state.set_job_status(sandbox.samples.plain.id, "Finished OK")
    recovered = sandbox.run("recover", "-c", str(sandbox.config), *sandbox.samples.plain.report_args(),
                            "-t", "sandbox")
    assert recovered.code == 0 and "resolved" in recovered.stdout, recovered.stderr

    run = sync_once(sandbox)

    assert run.code == 0, run.stderr
    assert actions_taken(sandbox) == []
