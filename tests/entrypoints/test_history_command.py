"""`summit-connector history` (B-10.3) and the event every report leaves."""

import json
from datetime import datetime, timedelta

from summit_connector.adapters.state.history import SqliteHistory
from summit_connector.adapters.state.store import SqliteStore
from summit_connector.application.ports import HistoryEvent

from tests.entrypoints.cli_harness import VENDOR_ARGS, run_cli, with_flag, write_config, write_template

NOW = datetime(2024, 9, 21, 3, 15)
CLOCK = {"SUMMIT_CONNECTOR_NOW": NOW.isoformat()}
KEYS = ["time", "command", "trigger", "job", "schedule", "date", "action", "ticket", "exit_code", "reason"]


def seed(folder, *events: HistoryEvent) -> None:
    history = SqliteHistory(SqliteStore(folder / "summit-connector.sqlite3"), keep_days=90)
    for event in events:
        history.append(event)


def run_event(hours_ago: float = 0, job: str = "JOB001", schedule: str = "PAYROLL") -> HistoryEvent:
    return HistoryEvent(NOW - timedelta(hours=hours_ago), "report", "failed", job, schedule, "2024-09-21",
                        "created", "10001", 0, "the job has no incident ticket: create one")


def history(folder, *flags: str, environ: dict | None = None):
    return run_cli(["history", "-c", str(folder / "Connector.config"), *flags], environ or CLOCK)


def test_json_is_an_array_of_objects_with_exactly_the_documented_keys_b_10_3(tmp_path):
    write_config(tmp_path)
    seed(tmp_path, run_event())

    result = history(tmp_path, "--json")

    assert result.code == 0, result.stderr
    assert json.loads(result.stdout) == [{
        "time": "2024-09-21T03:15:00", "command": "report", "trigger": "failed", "job": "JOB001",
        "schedule": "PAYROLL", "date": "2024-09-21", "action": "created", "ticket": "10001", "exit_code": 0,
        "reason": "the job has no incident ticket: create one",
    }]
    assert list(json.loads(result.stdout)[0]) == KEYS


def test_newest_first_filtered_by_exact_job_and_schedule_names_b_10_3(tmp_path):
    write_config(tmp_path)
    seed(tmp_path, run_event(3, "JOB 1"), run_event(2, "JOB 1", "OTHER"), run_event(1, "JOB 10"), run_event(0))

    by_job = json.loads(history(tmp_path, "--job", "JOB", "1", "--json").stdout)
    by_both = json.loads(history(tmp_path, "--job", "JOB 1", "--schedule", "PAYROLL", "--json").stdout)

    assert [(e["job"], e["schedule"]) for e in by_job] == [("JOB 1", "OTHER"), ("JOB 1", "PAYROLL")]
    assert [e["time"] for e in by_both] == ["2024-09-21T00:15:00"]


def test_since_a_duration_counts_back_from_the_clock_b_10_3_b_1_5(tmp_path):
    write_config(tmp_path)
    seed(tmp_path, run_event(3), run_event(2), run_event(1))

    result = json.loads(history(tmp_path, "--since", "2h", "--json").stdout)

    assert [e["time"] for e in result] == ["2024-09-21T02:15:00", "2024-09-21T01:15:00"]


def test_since_a_date_means_from_its_midnight_b_10_3(tmp_path):
    write_config(tmp_path)
    seed(tmp_path, run_event(4), run_event(0))

    result = json.loads(history(tmp_path, "--since", "2024-09-21", "--json").stdout)

    assert [e["time"] for e in result] == ["2024-09-21T03:15:00"]


def test_limit_caps_the_list_and_the_default_is_50_b_10_3(tmp_path):
    write_config(tmp_path)
    seed(tmp_path, *(run_event(n / 60) for n in range(55)))

    assert len(json.loads(history(tmp_path, "--json").stdout)) == 50
    assert len(json.loads(history(tmp_path, "--limit", "3", "--json").stdout)) == 3


def test_off_a_terminal_each_event_is_one_searchable_line_b_8(tmp_path):
    write_config(tmp_path)
    seed(tmp_path, run_event())

    result = history(tmp_path)

    assert result.stdout.splitlines() == [
        "time: 2024-09-21T03:15:00 | command: report | trigger: failed | job: JOB001 | schedule: PAYROLL | "
        "date: 2024-09-21 | action: created | ticket: 10001 | exit_code: 0 | "
        "reason: the job has no incident ticket: create one"]


def test_reading_history_adds_no_event_and_creates_no_store_b_10_3(tmp_path):
    write_config(tmp_path)

    first = history(tmp_path, "--json")
    second = history(tmp_path, "--json")

    assert first.stdout == second.stdout == "[]\n"
    assert not (tmp_path / "summit-connector.sqlite3").exists()


def test_a_since_that_is_neither_a_duration_nor_a_date_is_invalid_input_b_1_4(tmp_path):
    write_config(tmp_path)

    result = history(tmp_path, "--since", "yesterday")

    assert result.code == 2
    assert result.stderr.strip() == ("summit-connector: error: --since: expected a duration such as 2h or 7d, "
                                     "or a date such as 2024-09-21, got 'yesterday'")


def test_a_limit_below_one_is_invalid_input_b_1_4(tmp_path):
    write_config(tmp_path)

    assert history(tmp_path, "--limit", "0").code == 2


def test_a_report_that_is_kept_for_retry_leaves_one_kept_event_b_10_3(tmp_path):
    config = write_config(tmp_path)
    write_template(tmp_path)

    report = run_cli(["-c", str(config), *VENDOR_ARGS], CLOCK)
    events = json.loads(history(tmp_path, "--json").stdout)

    assert report.code == 1, report.stderr
    assert [(e["command"], e["trigger"], e["job"], e["action"], e["exit_code"]) for e in events] == [
        ("report", "failed", "JOB001", "kept", 1)]
    assert events[0]["time"] == "2024-09-21T03:15:00" and "kept for retry" in events[0]["reason"]


def test_a_report_with_an_invalid_template_leaves_a_nothing_event_with_exit_2_b_10_3(tmp_path):
    config = write_config(tmp_path)

    report = run_cli(["-c", str(config), *with_flag(VENDOR_ARGS, "-t", "missing.json")], CLOCK)
    [event] = json.loads(history(tmp_path, "--json").stdout)

    assert report.code == 2
    assert (event["action"], event["exit_code"]) == ("nothing", 2) and "missing.json" in event["reason"]


def test_events_older_than_history_days_are_pruned_by_the_clock_b_10_3(tmp_path):
    config = write_config(tmp_path, general="HISTORY_DAYS=1")
    write_template(tmp_path)
    seed(tmp_path, run_event(hours_ago=25, job="OLD"), run_event(hours_ago=23, job="RECENT"))

    run_cli(["-c", str(config), *VENDOR_ARGS], CLOCK)

    assert [e["job"] for e in json.loads(history(tmp_path, "--json").stdout)] == ["JOB001", "RECENT"]


def test_statedir_moves_the_store_relative_to_the_config_folder_b_10_1(tmp_path):
    config = write_config(tmp_path, general="STATEDIR=state")
    write_template(tmp_path)

    run_cli(["-c", str(config), *VENDOR_ARGS], CLOCK)

    assert (tmp_path / "state" / "summit-connector.sqlite3").exists()
    assert not (tmp_path / "summit-connector.sqlite3").exists()
    assert len(json.loads(history(tmp_path, "--json").stdout)) == 1
