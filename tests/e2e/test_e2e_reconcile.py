"""`summit-connector reconcile` (B-15.1) against the emulator: failed jobs whose Notification Manager trigger never
ran get their incidents; jobs with a ticket, decided before, out of scope or finished OK are left alone."""

import json

from tests.e2e.conftest import Sandbox

DAY = "2024-09-21"
NOW = {"SUMMIT_CONNECTOR_NOW": "2024-09-21T06:00"}
SCOPE = {"schedules": ["*"], "jobs": ["MISSED_*"], "lookBackHours": 24}


def missed(sandbox: Sandbox, job: str, **options):
    return sandbox.emulator.add_failed_job("NIGHTLY", DAY, 31, 1, job, **options)


def reconcile(sandbox: Sandbox, *flags: str):
    return sandbox.run("reconcile", "-c", str(sandbox.config), "-t", "sandbox", *flags, env=NOW)


def three_missed(sandbox: Sandbox):
    return (missed(sandbox, "MISSED_A", start_machine="WINAGENT01", termination="+000000001"),
            missed(sandbox, "MISSED_B", start_machine=None, primary_machine="UNIXAGENT07", termination="+000000002"),
            missed(sandbox, "MISSED_C", start_machine=None, primary_machine=None, termination="+000000003"))


def test_three_missed_triggers_get_three_incidents_written_back_each_naming_its_machine_b_15_1(sandbox):
    sandbox.edit_template(reconcile=SCOPE)
    jobs = three_missed(sandbox)

    run = reconcile(sandbox)

    assert run.code == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    assert [line.split()[1] for line in lines[:3]] == ["10001", "10002", "10003"]
    assert lines[-1].startswith("reconciled 3 of ")
    held = {job.name: sandbox.job(job).incident_ticket_id for job in jobs}
    assert sorted(held.values()) == ["10001", "10002", "10003"]
    for job, machine, termination in zip(jobs, ("WINAGENT01", "UNIXAGENT07", "N/A"), ("1", "2", "3")):
        information = "\n".join(sandbox.emulator.state.incidents[held[job.name]].information)
        assert machine in information and f"+00000000{termination}" in information, information


def test_ticketed_decided_out_of_scope_and_finished_jobs_are_left_alone_b_15_1(sandbox):
    sandbox.edit_template(reconcile={**SCOPE, "jobs": ["MISSED_*", "NOTICKET_JOB"]})
    missed(sandbox, "MISSED_TICKETED", incident_ticket_id="9001")
    missed(sandbox, "MISSED_OK", status="Finished OK")
    missed(sandbox, "OTHER_JOB")
    assert sandbox.report(sandbox.samples.no_ticket, env=NOW).code == 0

    run = reconcile(sandbox, "--json")

    assert run.code == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["reported"] == []
    assert (result["had_ticket"], result["decided_before"]) == (1, 1)
    assert result["out_of_scope"] == result["failed"] - 2
    assert sandbox.emulator.state.counters["summit:IM_LogOrUpdateIncident"] == 0


def test_a_second_reconcile_finds_everything_decided_b_15_1(sandbox):
    sandbox.edit_template(reconcile=SCOPE)
    three_missed(sandbox)
    assert reconcile(sandbox).code == 0

    again = reconcile(sandbox, "--json")

    result = json.loads(again.stdout)
    assert (result["reported"], result["had_ticket"]) == ([], 3)


def test_dry_run_and_a_template_without_a_block_send_and_write_nothing_b_15_1(sandbox):
    three_missed(sandbox)
    without_block = reconcile(sandbox)
    sandbox.edit_template(reconcile=SCOPE)
    dry = reconcile(sandbox, "--dry-run")

    assert (without_block.code, dry.code) == (0, 0)
    assert "has no reconcile block" in without_block.stderr
    assert sum(line.startswith("would report MISSED_") for line in dry.stdout.splitlines()) == 3
    assert dry.stdout.strip().splitlines()[-1].startswith("would reconcile ")
    assert sandbox.emulator.state.incidents.keys() == {"9001", "9002", "9003"}
    history = sandbox.run("history", "-c", str(sandbox.config), "--json", env=NOW)
    assert json.loads(history.stdout) == []


def test_a_summit_outage_keeps_the_events_and_retry_delivers_each_once_b_15_1(sandbox):
    sandbox.edit_template(reconcile=SCOPE)
    jobs = three_missed(sandbox)
    sandbox.emulator.faults.down("summit")

    kept = reconcile(sandbox)
    sandbox.emulator.faults.up("summit")
    retried = sandbox.run("retry", "-c", str(sandbox.config), env=NOW)
    again = reconcile(sandbox, "--json")

    assert kept.code == 1 and "kept for retry" in kept.stderr
    assert retried.code == 0, retried.stderr
    assert sorted(sandbox.job(job).incident_ticket_id for job in jobs) == ["10001", "10002", "10003"]
    assert json.loads(again.stdout)["reported"] == []
    assert len(sandbox.emulator.state.incidents) == 6


def test_reconcile_runs_are_in_history_as_command_reconcile_b_15_1(sandbox):
    sandbox.edit_template(reconcile=SCOPE)
    three_missed(sandbox)
    reconcile(sandbox)

    events = json.loads(sandbox.run("history", "-c", str(sandbox.config), "--json", env=NOW).stdout)

    assert {(e["command"], e["action"]) for e in events} == {("reconcile", "created")}
    assert len(events) == 3


def test_the_log_names_the_command_that_ran_b_8(sandbox):
    sandbox.edit_template(reconcile=SCOPE)
    missed(sandbox, "MISSED_A")
    reconcile(sandbox)
    job = sandbox.samples.open_ticket
    sandbox.run("recover", "-c", str(sandbox.config), *job.report_args(), "-t", "sandbox", env=NOW)

    log = (sandbox.folder / "log" / "summit-connector.log").read_text()

    assert "reconcile 20240921|31|1|MISSED_A (NIGHTLY): created 10001; exit 0" in log
    assert f"recover {job.id} (PAYROLL): annotated 9001; exit 0" in log
    assert "report " not in log
