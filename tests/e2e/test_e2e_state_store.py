"""The state store under the installed CLI (B-10.1, B-10.3): forty runs at once on one new store file, the old
outbox moved in on first use, and every report in history."""

import json
import sqlite3
import subprocess

from summit_connector.adapters.emulator import SampleJob

from tests.e2e.cli_runner import CLI

LOCKED = "database is locked"


def extra_job(sandbox, name: str) -> SampleJob:
    schedule = sandbox.samples.plain.id.rsplit("|", 1)[0]
    job_id = sandbox.emulator.add_job(schedule, name)
    return SampleJob(job_id, 0, name, "PAYROLL", 16, 1, sandbox.samples.date, "AGENT", "1", None)


def descriptions(sandbox) -> list[str]:
    with sandbox.emulator.state.lock:
        return [incident.fields.get("Description", "") for incident in sandbox.emulator.state.incidents.values()]


def log_text(sandbox) -> str:
    return "".join(path.read_text() for path in (sandbox.folder / "log").glob("summit-connector.log*"))


def test_forty_concurrent_reports_on_a_new_store_make_forty_incidents_and_never_lock_b_10_1(sandbox):
    jobs = [extra_job(sandbox, f"STORE_{n:02d}") for n in range(40)]
    commands = [[str(CLI), "-c", str(sandbox.config), *job.report_args(), "-t", "sandbox"] for job in jobs]

    runs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    results = [(run.wait(timeout=300), run.stderr.read()) for run in runs]
    listed = sandbox.run("history", "-c", str(sandbox.config), "--limit", "100", "--json")

    assert [code for code, _ in results] == [0] * 40, [stderr for code, stderr in results if code]
    assert not any(LOCKED in stderr for _, stderr in results)
    assert LOCKED not in log_text(sandbox)
    texts = descriptions(sandbox)
    assert [sum(f"job {job.name} " in text for text in texts) for job in jobs] == [1] * 40
    events = json.loads(listed.stdout)
    assert sorted(e["job"] for e in events) == [job.name for job in jobs]
    assert {(e["action"], e["exit_code"]) for e in events} == {("created", 0)}


def test_the_old_outbox_is_moved_in_and_its_entry_delivered_once_b_10_1(sandbox):
    sandbox.emulator.faults.down("summit")
    sandbox.report(sandbox.samples.plain)
    store = sandbox.folder / "summit-connector.sqlite3"
    with sqlite3.connect(store) as db:
        rows = db.execute("SELECT id, event, template, kept_at, ticket_number, state, attempts, last_error "
                          "FROM kept_events").fetchall()
    db.close()
    for leftover in sandbox.folder.glob("summit-connector.sqlite3*"):
        leftover.unlink()
    with sqlite3.connect(sandbox.folder / "summit-connector-outbox.sqlite3") as old:
        old.execute("CREATE TABLE kept_events (id INTEGER PRIMARY KEY AUTOINCREMENT, event TEXT NOT NULL, "
                    "template TEXT NOT NULL, kept_at TEXT NOT NULL, ticket_number TEXT NOT NULL DEFAULT '', "
                    "state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 1, "
                    "last_error TEXT NOT NULL DEFAULT '')")
        old.executemany("INSERT INTO kept_events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    old.close()
    sandbox.emulator.faults.up("summit")

    listed = sandbox.run("outbox", "-c", str(sandbox.config))
    retried = sandbox.run("retry", "-c", str(sandbox.config))
    again = sandbox.run("retry", "-c", str(sandbox.config))

    assert len(rows) == 1
    assert "JOB001" in listed.stdout and "pending" in listed.stdout
    assert (sandbox.folder / "summit-connector-outbox.sqlite3.migrated").exists()
    assert not (sandbox.folder / "summit-connector-outbox.sqlite3").exists()
    assert retried.code == 0 and "Incident 10001 created for JOB001" in retried.stdout, retried.stderr
    assert "Nothing to replay" in again.stdout
    assert sum("job JOB001 " in text for text in descriptions(sandbox)) == 1


def test_every_report_is_in_history_with_the_clock_of_the_run_b_10_3(sandbox):
    clock = {"SUMMIT_CONNECTOR_NOW": "2024-09-21T03:15:00"}
    sandbox.report(sandbox.samples.plain, env=clock)
    sandbox.report(sandbox.samples.plain, env=clock)
    sandbox.emulator.faults.down("summit")
    sandbox.report(sandbox.samples.route1, env=clock)

    listed = sandbox.run("history", "-c", str(sandbox.config), "--json", env=clock)
    events = json.loads(listed.stdout)

    assert [(e["job"], e["action"], e["ticket"], e["exit_code"]) for e in events] == [
        ("ROUTED_APP1", "kept", "", 1), ("JOB001", "updated", "10001", 0), ("JOB001", "created", "10001", 0)]
    assert {e["time"] for e in events} == {"2024-09-21T03:15:00"}
