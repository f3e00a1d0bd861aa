"""`summit-connector silence add | list | expire` in-process (B-13.2), and what `explain` shows of a silence."""

import json
from pathlib import Path

import pytest

from summit_connector.entrypoints.container import bootstrap
from summit_connector.entrypoints.exit_codes import ExitCode

from tests.entrypoints.cli_harness import VENDOR_ARGS, run_cli, write_config, write_template

CLOCK = {"SUMMIT_CONNECTOR_NOW": "2024-09-21T03:00"}
HALF_PAST = {"SUMMIT_CONNECTOR_NOW": "2024-09-21T03:30"}
LATER = {"SUMMIT_CONNECTOR_NOW": "2024-09-21T06:00"}
KEYS = ["id", "job", "schedule", "agent", "tag", "starts", "ends", "comment", "author", "active"]


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    write_config(tmp_path)
    write_template(tmp_path)
    return tmp_path


def silence(folder: Path, *args: str, environ: dict[str, str] = CLOCK):
    return run_cli(["silence", *args, "-c", str(folder / "Connector.config")], environ)


def listed(folder: Path, *flags: str, environ: dict[str, str] = CLOCK) -> list[dict]:
    result = silence(folder, "list", "--json", *flags, environ=environ)
    assert result.code == ExitCode.OK, result.stderr
    return json.loads(result.stdout)


def test_add_prints_the_new_id_alone_on_one_line(lab):
    first = silence(lab, "add", "--job", "JOB*", "--for", "2h", "--comment", "patch night")
    second = silence(lab, "add", "--tag", "APP1", "--for", "30m", "--comment", "app one migration")

    assert (first.code, first.stdout, first.stderr) == (0, "1\n", "")
    assert second.stdout == "2\n"


def test_list_json_has_exactly_the_documented_keys_and_for_counts_from_the_clock(lab):
    silence(lab, "add", "--job", "JOB*", "--agent", "UNIX*", "--for", "2h", "--comment", "patch", "night",
            "--author", "ann")

    assert listed(lab) == [{
        "id": 1, "job": "JOB*", "schedule": "", "agent": "UNIX*", "tag": "", "starts": "2024-09-21T03:00:00",
        "ends": "2024-09-21T05:00:00", "comment": "patch night", "author": "ann", "active": True,
    }]
    assert list(listed(lab)[0]) == KEYS


def test_until_takes_a_local_date_time_and_author_defaults_to_the_user(lab):
    environ = {**CLOCK, "USER": "operator1"}
    silence(lab, "add", "--schedule", "PAYROLL", "--until", "2024-09-22T06:30", "--comment", "x", environ=environ)

    [entry] = listed(lab)

    assert (entry["ends"], entry["author"]) == ("2024-09-22T06:30:00", "operator1")


def test_list_shows_active_silences_and_all_adds_the_expired_ones(lab):
    silence(lab, "add", "--job", "A", "--for", "1h", "--comment", "short")
    silence(lab, "add", "--job", "B", "--for", "5h", "--comment", "long")

    assert [s["id"] for s in listed(lab, environ=LATER)] == [2]
    assert [(s["id"], s["active"]) for s in listed(lab, "--all", environ=LATER)] == [(1, False), (2, True)]


def test_list_off_a_terminal_prints_one_searchable_line_per_silence(lab):
    silence(lab, "add", "--job", "Parent_Job[Sub]", "--for", "1h", "--comment", "patch night")

    result = silence(lab, "list")

    assert result.stdout == ("id: 1 | job: Parent_Job[Sub] | starts: 2024-09-21T03:00:00 | "
                             "ends: 2024-09-21T04:00:00 | comment: patch night | active: yes\n")
    assert silence(lab, "list", environ=LATER).stdout == "No active silences.\n"


def test_expire_ends_a_silence_now(lab):
    silence(lab, "add", "--job", "JOB*", "--for", "2h", "--comment", "patch night")

    result = silence(lab, "expire", "1", environ=HALF_PAST)

    assert result.code == ExitCode.OK and result.stdout == "Silence #1 ended at 2024-09-21T03:30:00\n"
    assert listed(lab, environ=HALF_PAST) == []
    assert [(s["ends"], s["active"]) for s in listed(lab, "--all", environ=HALF_PAST)] == [
        ("2024-09-21T03:30:00", False)]


def test_expiring_an_unknown_id_is_one_line_and_exit_2(lab):
    result = silence(lab, "expire", "7")

    assert result.code == ExitCode.INVALID_INPUT and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "#7" in result.stderr


@pytest.mark.parametrize(("args", "named"), [
    (["--for", "2h", "--comment", "x"], "--job, --schedule, --agent, --tag"),
    (["--job", "J", "--for", "2 hours", "--comment", "x"], "--for: expected a duration such as 90m, 2h, 7d or 2w, "
                                                           "got '2 hours'"),
    (["--job", "J", "--for", "0h", "--comment", "x"], "--for: expected a duration"),
    (["--job", "J", "--until", "tomorrow", "--comment", "x"], "--until: expected an ISO-8601 local date-time"),
    (["--job", "J", "--until", "2024-09-21T02:00", "--comment", "x"], "--until: must be later than now"),
    (["--job", "J", "--for", "2h", "--until", "2024-09-22", "--comment", "x"], "--until"),
    (["--job", "J", "--comment", "x"], "--for --until"),
    (["--job", "J", "--for", "2h"], "--comment"),
    (["--job", " ", "--for", "2h", "--comment", "x"], "--job: must not be empty, got ' '"),
    (["--job", "J", "--for", "2h", "--comment", ""], "--comment: must not be empty"),
])
def test_bad_input_to_add_is_one_line_naming_the_flag_and_exit_2(lab, args, named):
    result = silence(lab, "add", *args)

    assert result.code == ExitCode.INVALID_INPUT and result.stdout == ""
    assert result.stderr.count("\n") == 1 and named in result.stderr
    assert not (lab / "summit-connector.sqlite3").exists()


def test_a_bad_id_to_expire_is_exit_2(lab):
    result = silence(lab, "expire", "one")

    assert result.code == ExitCode.INVALID_INPUT and "'one'" in result.stderr


def test_list_adds_no_history_event_b_10_3(lab):
    silence(lab, "add", "--job", "JOB*", "--for", "2h", "--comment", "patch night")

    silence(lab, "list")
    silence(lab, "list", "--json", "--all")

    history = run_cli(["history", "-c", str(lab / "Connector.config"), "--json"], CLOCK)
    assert json.loads(history.stdout) == []


def test_the_report_use_case_reads_silences_from_the_one_state_store(lab):
    container = bootstrap(lab / "Connector.config", {})

    assert container.silences().store is container.store()


def explain(folder: Path, *flags: str) -> object:
    return run_cli(["explain", "-c", str(folder / "Connector.config"), *VENDOR_ARGS, "--offline", *flags], CLOCK)


def test_explain_json_carries_the_silence_that_would_match(lab):
    silence(lab, "add", "--job", "JOB0*", "--for", "2h", "--comment", "patch night", "--author", "ann")

    record = json.loads(explain(lab, "--json").stdout)

    assert (record["action"], record["reason"]) == ("silenced", "silenced by #1: patch night")
    assert record["silence"] == {"id": 1, "job": "JOB0*", "schedule": "", "agent": "", "tag": "",
                                 "starts": "2024-09-21T03:00:00", "ends": "2024-09-21T05:00:00",
                                 "comment": "patch night", "author": "ann"}
    assert record["request"] is None


def test_explain_text_names_the_silence_and_skips_the_steps_after_it(lab):
    silence(lab, "add", "--tag", "APP*", "--for", "2h", "--comment", "patch night")

    result = explain(lab, "--tags", "APP1")

    assert "silence #1 (tag APP*) is active until Saturday 2024-09-21 05:00" in result.stdout
    assert "not reached: silence #1 ends the flow" in result.stdout
    assert "NO INCIDENT (exit 0): silenced by #1: patch night" in result.stdout


def test_explain_without_a_matching_silence_says_so(lab):
    silence(lab, "add", "--tag", "APP*", "--for", "2h", "--comment", "patch night")

    record = json.loads(explain(lab, "--json", "--tags", "OTHER").stdout)

    assert (record["action"], record["silence"]) == ("created", None)
    assert "no active silence matches this failure" in explain(lab).stdout


def test_explain_reads_silences_but_writes_nothing_to_the_store(lab):
    silence(lab, "add", "--job", "JOB0*", "--for", "2h", "--comment", "patch night")
    before = {path: path.stat().st_mtime_ns for path in lab.rglob("*")}

    explain(lab, "--json")

    assert {path: path.stat().st_mtime_ns for path in lab.rglob("*")} == before
