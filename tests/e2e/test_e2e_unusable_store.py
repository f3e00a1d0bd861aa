"""A store or lock that cannot be used never stops the delivery of the current failure (B-9.3): the installed CLI
against the emulator, with the install folder made unwritable and with a damaged state store."""

import os
import shutil
import stat

import pytest

from summit_connector.adapters.emulator import SampleJob

STORE = "summit-connector.sqlite3"


def without_root_privileges() -> tuple[str, ...]:
    """Root writes into a read-only folder anyway; `setpriv` drops the capabilities that let it, so the folder is
    as unwritable for the CLI as it is for a service account."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("running as root without util-linux `setpriv`: the folder cannot be made unwritable")
    dropped = "-dac_override,-dac_read_search,-fowner"
    return (setpriv, "--bounding-set", dropped, f"--inh-caps={dropped}", "--")


@pytest.fixture
def unwritable(sandbox):
    """The install folder of the sandbox, read-only: no lock folder, store, log folder or job-log spool can be
    created in it."""
    folder = sandbox.folder
    os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    yield folder
    os.chmod(folder, stat.S_IRWXU)


def incidents_for(sandbox, job: SampleJob) -> list[str]:
    with sandbox.emulator.state.lock:
        return [number for number, incident in sandbox.emulator.state.incidents.items()
                if job.name in incident.fields.get("Description", "")]


def test_an_unwritable_install_folder_delivers_the_failure_with_warnings_naming_file_and_cause_b_9_3(
        sandbox, unwritable):
    job = sandbox.samples.plain

    run = sandbox.run("-c", str(sandbox.config), *job.report_args(), "-t", "sandbox",
                      prefix=without_root_privileges())

    assert run.code == 0, run.stderr
    assert run.stdout.startswith("Incident 10001 created for JOB001")
    assert incidents_for(sandbox, job) == ["10001"]
    assert sandbox.job(job).incident_ticket_id == "10001"
    warnings = run.stderr.splitlines()
    lock_folder = unwritable / "summit-connector-locks"
    assert any(line.startswith(f"summit-connector: warning: lock file {lock_folder}") and
               "(Permission denied); this run went ahead without it" in line for line in warnings), run.stderr
    assert f"summit-connector: warning: {unwritable / 'log'}: no log file this run (Permission denied)" in warnings
    assert any(f"state store {unwritable / STORE}: unable to open database file" in line for line in warnings)
    assert "Traceback" not in run.stderr and not (unwritable / STORE).exists()


@pytest.fixture
def damaged_in_unwritable_folder(sandbox, request):
    """A damaged store that cannot be moved aside: the install folder is read-only."""
    (sandbox.folder / STORE).write_bytes(b"not a database\n" * 512)
    return request.getfixturevalue("unwritable")


def test_a_damaged_store_that_cannot_be_moved_and_summit_503_tells_the_delivery_first_and_exits_3_b_9_3(
        sandbox, damaged_in_unwritable_folder):
    sandbox.emulator.faults.fail("summit", 503, times=None, path_contains="IM_LogOrUpdateIncident")
    job = sandbox.samples.plain

    run = sandbox.run("-c", str(sandbox.config), *job.report_args(), "-t", "sandbox",
                      prefix=without_root_privileges())

    assert run.code == 3
    [error] = [line for line in run.stderr.splitlines() if line.startswith("summit-connector: error:")]
    assert error.startswith("summit-connector: error: Summit did not take the incident: Summit IM_LogOrUpdateIncident")
    assert "answered HTTP 503" in error
    assert error.index("HTTP 503") < error.index(f"it could NOT be kept for retry: state store {sandbox.folder / STORE}: "
                                                 "file is not a database")
    assert incidents_for(sandbox, job) == []


def test_a_damaged_store_does_not_stop_a_delivery_that_succeeds_b_9_3(sandbox):
    (sandbox.folder / STORE).write_bytes(b"not a database\n" * 512)
    job = sandbox.samples.plain

    run = sandbox.report(job)

    assert run.code == 0, run.stderr
    assert incidents_for(sandbox, job) == ["10001"]
    assert sandbox.job(job).incident_ticket_id == "10001"
    assert "Traceback" not in run.stderr
    [aside] = sandbox.folder.glob(f"{STORE}.damaged-*")
    assert aside.read_bytes() == b"not a database\n" * 512
