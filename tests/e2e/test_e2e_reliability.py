"""Nothing lost, nothing duplicated, under faults and bursts: the installed CLI against the emulator (B-9)."""

import subprocess
import time

from summit_connector.adapters.emulator import SampleJob

from tests.e2e.cli_runner import CLI


def incidents_for(sandbox, job_name: str) -> list[str]:
    with sandbox.emulator.state.lock:
        return [number for number, incident in sandbox.emulator.state.incidents.items()
                if job_name in incident.fields.get("Description", "")]


def extra_job(sandbox, name: str, **fields) -> SampleJob:
    schedule = sandbox.samples.plain.id.rsplit("|", 1)[0]
    job_id = sandbox.emulator.add_job(schedule, name, **fields)
    return SampleJob(job_id, 0, name, "PAYROLL", 16, 1, sandbox.samples.date, "AGENT", "1", None)


def set_http_timeout(sandbox, seconds: float) -> None:
    text = sandbox.config.read_text().replace("[GENERAL]\n", f"[GENERAL]\nHTTP_TIMEOUT={seconds}\n", 1)
    sandbox.config.write_text(text)


def test_summit_down_for_a_whole_run_is_kept_then_retry_delivers_once_b_9(sandbox):
    job = sandbox.samples.plain
    sandbox.emulator.faults.down("summit")

    failed = sandbox.report(job)
    listed = sandbox.run("outbox", "-c", str(sandbox.config))
    sandbox.emulator.faults.up("summit")
    retried = sandbox.run("retry", "-c", str(sandbox.config))
    again = sandbox.run("retry", "-c", str(sandbox.config))

    assert failed.code == 1 and "kept for retry" in failed.stderr, failed.stderr
    assert "JOB001" in listed.stdout and "pending" in listed.stdout
    assert retried.code == 0 and "Incident 10001 created for JOB001" in retried.stdout, retried.stderr
    assert again.code == 0 and "Nothing to replay" in again.stdout
    assert incidents_for(sandbox, "JOB001") == ["10001"]
    assert sandbox.job(job).incident_ticket_id == "10001"


def test_the_next_report_replays_what_was_kept_oldest_first_b_9(sandbox):
    sandbox.emulator.faults.down("summit")
    sandbox.report(sandbox.samples.plain)
    sandbox.emulator.faults.up("summit")

    later = sandbox.report(sandbox.samples.route1)

    assert later.code == 0, later.stderr
    assert sandbox.job(sandbox.samples.plain).incident_ticket_id == "10001"
    assert sandbox.job(sandbox.samples.route1).incident_ticket_id == "10002"


def test_summit_503_twice_then_fine_creates_one_incident_in_the_same_run_b_9(sandbox):
    sandbox.emulator.faults.fail("summit", 503, times=2, path_contains="IM_LogOrUpdateIncident")

    run = sandbox.report(sandbox.samples.plain)

    assert run.code == 0, run.stderr
    assert incidents_for(sandbox, "JOB001") == ["10001"]


def test_write_back_failing_keeps_the_ticket_and_retry_only_writes_it_back_b_9(sandbox):
    job = sandbox.samples.plain
    sandbox.emulator.faults.fail("opcon", 500, times=None, path_contains="incidentTickets")

    failed = sandbox.report(job)
    sandbox.emulator.faults.clear()
    retried = sandbox.run("retry", "-c", str(sandbox.config))

    assert failed.code == 1 and "10001" in failed.stderr, failed.stderr
    assert retried.code == 0, retried.stderr
    assert incidents_for(sandbox, "JOB001") == ["10001"]
    assert sandbox.job(job).incident_ticket_id == "10001"
    with sandbox.emulator.state.lock:
        assert sandbox.emulator.state.counters["summit:IM_LogOrUpdateIncident"] == 1


def test_summit_hanging_past_http_timeout_never_duplicates_the_incident_b_9(sandbox):
    set_http_timeout(sandbox, 1)
    sandbox.emulator.faults.hang("summit", 2.5, times=1, path_contains="IM_LogOrUpdateIncident")

    run = sandbox.report(sandbox.samples.plain)
    time.sleep(2.5)
    retried = sandbox.run("retry", "-c", str(sandbox.config))
    listed = sandbox.run("outbox", "-c", str(sandbox.config))

    assert run.code == 1 and "kept for retry" in run.stderr and "uncertain" in run.stderr, run.stderr
    assert retried.code == 0 and "Incident 10001 adopted for JOB001" in retried.stdout, retried.stderr
    assert "The outbox is empty" in listed.stdout
    assert incidents_for(sandbox, "JOB001") == ["10001"]


def test_ten_concurrent_runs_for_one_job_make_one_incident_updated_nine_times_b_9(sandbox):
    job = sandbox.samples.route1
    command = [str(CLI), "-c", str(sandbox.config), *job.report_args(), "-t", "sandbox"]

    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(10)]
    results = [(run.wait(timeout=120), run.stderr.read()) for run in runs]

    assert [code for code, _ in results] == [0] * 10, results
    assert incidents_for(sandbox, "ROUTED_APP1") == ["10001"]
    with sandbox.emulator.state.lock:
        assert len(sandbox.emulator.state.incidents["10001"].information) == 10


def test_forty_concurrent_runs_for_forty_jobs_make_forty_incidents_b_9(sandbox):
    jobs = [extra_job(sandbox, f"BURST_{n:02d}") for n in range(40)]
    commands = [[str(CLI), "-c", str(sandbox.config), *job.report_args(), "-t", "sandbox"] for job in jobs]

    runs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    codes = [run.wait(timeout=300) for run in runs]

    assert codes == [0] * 40, [run.stderr.read() for run in runs if run.returncode]
    tickets = [sandbox.job(job).incident_ticket_id for job in jobs]
    assert "" not in tickets and len(set(tickets)) == 40
    assert [len(incidents_for(sandbox, f"{job.name} ")) for job in jobs] == [1] * 40


def test_when_the_outbox_cannot_keep_the_event_the_exit_is_3_b_1_4(sandbox):
    (sandbox.folder / "summit-connector-outbox.sqlite3").mkdir()
    sandbox.emulator.faults.down("summit")

    run = sandbox.report(sandbox.samples.plain)

    assert run.code == 3, run.stderr
    assert "outbox" in run.stderr and "Traceback" not in run.stderr


def test_a_broken_outbox_does_not_stop_the_current_failure_being_delivered_b_9(sandbox):
    (sandbox.folder / "summit-connector-outbox.sqlite3").mkdir()

    run = sandbox.report(sandbox.samples.plain)

    assert run.code == 0, run.stderr
    assert "not replayed" in run.stderr
    assert sandbox.job(sandbox.samples.plain).incident_ticket_id == "10001"


def test_opcon_down_keeps_the_failure_and_retry_delivers_it_b_4_3_b_9(sandbox):
    sandbox.emulator.faults.down("opcon", seconds=None)

    failed = sandbox.report(sandbox.samples.plain)
    sandbox.emulator.faults.up("opcon")
    retried = sandbox.run("retry", "-c", str(sandbox.config))

    assert failed.code == 1 and "OpCon" in failed.stderr, failed.stderr
    assert sandbox.emulator.state.incidents.keys() == {"9001", "9002", "9003", "10001"}
    assert retried.code == 0 and sandbox.job(sandbox.samples.plain).incident_ticket_id == "10001"


def test_a_rejection_is_kept_as_rejected_until_retry_rejected_after_the_fix_b_9(sandbox):
    sandbox.edit_template(attributes=[{"name": "Category_Name", "value": "No Such Category"}])

    rejected = sandbox.report(sandbox.samples.plain)
    listed = sandbox.run("outbox", "-c", str(sandbox.config))
    plain_retry = sandbox.run("retry", "-c", str(sandbox.config))
    sandbox.edit_template(attributes=[{"name": "Category_Name", "value": "Network"}])
    fixed = sandbox.run("retry", "--rejected", "-c", str(sandbox.config))

    assert rejected.code == 1 and "No Such Category" in rejected.stderr
    assert "state: rejected" in listed.stdout
    assert plain_retry.code == 0 and "Nothing to replay" in plain_retry.stdout
    assert fixed.code == 0 and "Incident 10001 created for JOB001" in fixed.stdout
    assert sandbox.emulator.state.incidents["10001"].fields["Category_Name"] == "Network"
