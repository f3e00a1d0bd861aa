"""`demo` and `sandbox` as a new user runs them (B-7)."""

import shlex
import subprocess
import time

from tests.e2e.cli_runner import CLI


def test_demo_reports_a_sample_failure_and_shows_both_sides(tmp_path):
    done = subprocess.run([str(CLI), "demo"], capture_output=True, text=True, timeout=60, cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    assert "Summit received incident 10001" in done.stdout
    assert "Incident Ticket ID" in done.stdout and "JOB001_0000004245.stderr" in done.stdout
    assert "Incident 10001 created for JOB001 (PAYROLL, 2024-09-21)" in done.stdout
    assert list(tmp_path.iterdir()) == []


def test_demo_lifecycle_tells_the_incident_s_whole_life_b_11_2_b_12(tmp_path):
    done = subprocess.run([str(CLI), "demo", "--lifecycle"], capture_output=True, text=True, timeout=90,
                          cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    steps = done.stdout.split("Step ")
    assert "Incident 10001 created for JOB001" in steps[1]
    assert "Under Review" in steps[2] and "markUnderReview on daily job 20240921|16|1|JOB001" in steps[2]
    assert "Incident 10001 resolved for JOB001" in steps[3] and "Solved (Permanently)" in steps[3]
    assert "tracking ended" in steps[4]
    assert list(tmp_path.iterdir()) == []


def test_demo_reconcile_finds_a_failure_whose_trigger_never_ran_b_15_1(tmp_path):
    done = subprocess.run([str(CLI), "demo", "--reconcile"], capture_output=True, text=True, timeout=90,
                          cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    steps = done.stdout.split("Step ")
    assert "Incident 10001 created for JOB001" in steps[1]
    assert "trigger never ran: reconcile" in " ".join(steps[2].split())
    assert "Incident 10002 created for EXPORT_LEDGER" in steps[2] and "WINAGENT02" in steps[2]
    assert "reconciled 1 of 1 failed jobs (0 already had a ticket, 0 decided before, 0 out of scope)" in steps[2]
    assert list(tmp_path.iterdir()) == []


def test_demo_service_shows_a_burst_inline_and_handed_to_the_service_b_14(tmp_path):
    done = subprocess.run([str(CLI), "demo", "--service"], capture_output=True, text=True, timeout=240, cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("│ inline") or line.startswith("│ handed")]
    assert len(rows) == 2, done.stdout
    for row in rows:
        cells = [cell.strip() for cell in row.strip("│").split("│")]
        assert cells[1] == "20" and cells[2].endswith(" s") and cells[3:] == ["20", "0"], row
    assert list(tmp_path.iterdir()) == []


def test_sandbox_serves_sample_jobs_that_a_report_can_use(tmp_path):
    sandbox = subprocess.Popen([str(CLI), "sandbox", "--dir", str(tmp_path / "lab"), "--seconds", "60"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = _lines_until_ready(sandbox)
        command = next(line for line in lines if line.startswith("Try: "))[len("Try: "):]

        report = subprocess.run([str(CLI), *shlex.split(command)[1:]], capture_output=True, text=True, timeout=60)
    finally:
        sandbox.terminate()
        sandbox.wait(timeout=10)

    assert report.returncode == 0, report.stderr
    assert report.stdout.startswith("Incident 10001 created for JOB001")
    assert (tmp_path / "lab" / "Connector.config").exists()


def _lines_until_ready(process: subprocess.Popen, limit: float = 30.0) -> list[str]:
    lines, deadline = [], time.monotonic() + limit
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.strip())
        if line.startswith("Ready."):
            return lines
    raise AssertionError(f"sandbox did not start: {lines} {process.stderr.read() if process.poll() else ''}")
