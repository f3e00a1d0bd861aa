"""`explain` with a recovery trigger, in-process and offline (B-7, B-11.2): the recovery decision record, the Summit
request of each step, and nothing written."""

import json
from pathlib import Path

import pytest

from summit_connector.entrypoints.exit_codes import ExitCode

from tests.entrypoints.cli_harness import VENDOR_ARGS, run_cli, write_config, write_template

RESOLVE = {"action": "resolve", "via": ["In-Progress"], "solution": "done",
           "attributes": [{"name": "Closure_Code_Name", "value": "Successful"}]}


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    write_config(tmp_path, general="LOGDIR=log\nJOBLOGDIR=joblogs")
    write_template(tmp_path, credentials={"apiKey": "s3cret-key"}, rules={}, recovery=RESOLVE)
    return tmp_path


def explain(folder: Path, *flags: str):
    return run_cli(["explain", "-c", str(folder / "Connector.config"), *VENDOR_ARGS, "--now", "2024-09-23T10:30",
                    "--offline", *flags])


def test_a_ticket_the_journal_does_not_show_as_opened_here_would_only_be_annotated(lab):
    result = explain(lab, "-tr", "fixed", "--ticket", "4711", "--ticket-status", "New", "--json")

    assert result.code == ExitCode.OK, result.stderr
    record = json.loads(result.stdout)
    assert (record["action"], record["ticket"], record["opened_here"], record["configured"]) == (
        "annotated", "4711", False, "resolve")
    [request] = record["requests"]
    assert request["body"]["objCommonParameters"]["_ProxyDetails"]["APIKey"] == "***"
    assert "s3cret-key" not in result.stdout


def test_without_a_ticket_there_is_nothing_to_do_and_the_text_says_why(lab):
    result = explain(lab, "-tr", "finished-ok")

    assert result.code == ExitCode.OK, result.stderr
    assert "Job Finished OK for" in result.stdout
    assert "NOTHING TO DO (exit 0): the job has no incident ticket" in result.stdout


def test_explaining_a_recovery_writes_nothing(lab):
    before = sorted(path.name for path in lab.iterdir())

    explain(lab, "-tr", "finished-ok", "--ticket", "4711", "--ticket-status", "In-Progress")

    assert sorted(path.name for path in lab.iterdir()) == before
