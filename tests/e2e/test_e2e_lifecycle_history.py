"""`history --json` tells an incident's whole life (B-10.3): a failure, an SLA trigger, a run kept while Summit
was down, a recovery and a sync, each one event with the spec's keys, newest first."""

import json

import httpx

KEYS = {"time", "command", "trigger", "job", "schedule", "date", "action", "ticket", "exit_code", "reason"}
NOW = {"SUMMIT_CONNECTOR_NOW": "2024-09-21T03:00"}


def test_history_holds_one_event_per_acting_run_with_the_spec_keys_b_10_3(sandbox):
    job, config = sandbox.samples.plain, str(sandbox.config)
    sandbox.report(job, env=NOW)
    sandbox.run("-c", config, *job.report_args(), "-t", "sandbox", "-tr", "late-to-finish", env=NOW)
    sandbox.emulator.faults.down("summit")
    sandbox.run("recover", "-c", config, *job.report_args(), "-t", "sandbox", env=NOW)
    sandbox.emulator.faults.up("summit")
    httpx.post(f"{sandbox.emulator.opcon_url}/_emulator/incident-status",
               json={"ticket": "10001", "status": "In-Progress"}).raise_for_status()
    sandbox.run("sync", "-c", config, "--once", env=NOW)
    sandbox.run("outbox", "-c", config)

    events = json.loads(sandbox.run("history", "-c", config, "--json", env=NOW).stdout)

    assert all(set(event) == KEYS for event in events)
    assert [(e["command"], e["trigger"], e["action"], e["exit_code"]) for e in reversed(events)] == [
        ("report", "failed", "created", 0),
        ("report", "late-to-finish", "updated", 0),
        ("recover", "finished-ok", "kept", 1),
        ("sync", "", "synced", 0),
    ]
    assert {e["ticket"] for e in events if e["action"] != "kept"} == {"10001"}
    assert {(e["job"], e["schedule"], e["date"]) for e in events} == {("JOB001", "PAYROLL", "2024-09-21")}
