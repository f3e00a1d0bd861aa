"""A damaged state store is moved aside once and a new one started, so the runs after it work normally again
(B-9.3, B-10.1): the installed CLI against the emulator."""

import os
from datetime import datetime

import pytest

STORE = "summit-connector.sqlite3"
GARBAGE = b"not a database\n" * 512
WRITTEN = datetime(2024, 9, 21, 2, 14, 7)
ASIDE = f"{STORE}.damaged-20240921T021407"


@pytest.fixture
def damaged(sandbox):
    """The sandbox's store overwritten with garbage, last written at WRITTEN."""
    path = sandbox.folder / STORE
    path.write_bytes(GARBAGE)
    os.utime(path, (WRITTEN.timestamp(), WRITTEN.timestamp()))
    return path


def log_text(sandbox) -> str:
    return "".join(path.read_text() for path in (sandbox.folder / "log").glob("summit-connector.log*"))


def asides(sandbox) -> list[str]:
    return sorted(path.name for path in sandbox.folder.glob(f"{STORE}.damaged-*"))


def test_a_damaged_store_is_moved_aside_and_a_new_one_keeps_the_event_summit_refused_exit_1_b_9_3(
        sandbox, damaged):
    sandbox.emulator.faults.fail("summit", 503, times=None, path_contains="IM_LogOrUpdateIncident")

    run = sandbox.report(sandbox.samples.plain)

    assert run.code == 1, run.stderr
    assert "could NOT be kept" not in run.stderr and "Traceback" not in run.stderr
    assert asides(sandbox) == [ASIDE] and (sandbox.folder / ASIDE).read_bytes() == GARBAGE
    assert (f"state store {damaged} is damaged (file is not a database); it was moved aside to "
            f"{sandbox.folder / ASIDE} and a new store was started") in log_text(sandbox)


def test_the_runs_after_it_replay_the_kept_event_without_a_warning_b_9_3(sandbox, damaged):
    sandbox.emulator.faults.fail("summit", 503, times=None, path_contains="IM_LogOrUpdateIncident")
    sandbox.report(sandbox.samples.plain)
    sandbox.emulator.faults.clear()

    retry = sandbox.run("retry", "-c", str(sandbox.config))
    report = sandbox.report(sandbox.samples.plain)

    assert retry.code == 0 and retry.stdout.startswith("Incident 10001 created for JOB001"), retry.stderr
    assert report.code == 0 and "warning" not in retry.stderr + report.stderr
    assert asides(sandbox) == [ASIDE] and log_text(sandbox).count("moved aside") == 1


def test_the_operator_is_warned_once_naming_both_files_b_9_3(sandbox, damaged):
    first = sandbox.report(sandbox.samples.plain)
    second = sandbox.report(sandbox.samples.plain)

    assert (f"summit-connector: warning: state store {damaged} is damaged (file is not a database); it was "
            f"moved aside to {sandbox.folder / ASIDE} and a new store was started") in first.stderr.splitlines()
    assert "warning" not in second.stderr
