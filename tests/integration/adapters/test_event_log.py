"""The log file in LOGDIR (B-8): one line per event with its outcome; logging never costs the run."""

import logging
from datetime import date
from pathlib import Path

from summit_connector.adapters.event_log import LOG_FILE, LOGGER, event_log, log_failure, log_outcome
from summit_connector.application.report import Action, ReportOutcome
from summit_connector.domain.model import FailureEvent

EVENT = FailureEvent("AGENT", "PAYROLL", "JOB001", "1", date(2024, 9, 21), 16, 1)


def lines_in(log_dir: Path) -> list[str]:
    return (log_dir / LOG_FILE).read_text(encoding="utf-8").splitlines()


def test_logdir_is_created_on_demand_and_gets_one_line_per_outcome_b8(tmp_path):
    log_dir = tmp_path / "deep" / "log"
    outcome = ReportOutcome(Action.CREATED, EVENT, "new incident", "10001", warnings=("log not attached",))

    with event_log(log_dir, False, [].append):
        log_outcome(outcome, 0)

    [line] = lines_in(log_dir)
    assert line.endswith(
        " INFO report 20240921|16|1|JOB001 (PAYROLL): created 10001; warning: log not attached; exit 0"
    )


def test_a_skipped_event_gives_its_reason_and_a_failure_its_message_on_one_line_b8(tmp_path):
    skipped = ReportOutcome(Action.SKIPPED_EXIT, EVENT, "job tag NOTICKET")

    with event_log(tmp_path, False, [].append):
        log_outcome(skipped, 0)
        log_failure(EVENT, "Summit did not answer\nsecond line", 3)

    assert [line.split(" ", 2)[2] for line in lines_in(tmp_path)] == [
        "INFO report 20240921|16|1|JOB001 (PAYROLL): skipped-exit: job tag NOTICKET; exit 0",
        "ERROR report 20240921|16|1|JOB001 (PAYROLL): Summit did not answer second line; exit 3",
    ]


def test_debug_lines_are_written_only_with_debug_on_b8(tmp_path):
    for debug in (False, True):
        with event_log(tmp_path / str(debug), debug, [].append):
            logging.getLogger(f"{LOGGER}.http").debug("HTTP GET x -> 200")

    assert not (tmp_path / "False" / LOG_FILE).read_text()
    assert lines_in(tmp_path / "True")[0].endswith(" DEBUG HTTP GET x -> 200")


def test_each_run_writes_only_to_its_own_logdir_b8(tmp_path):
    with event_log(tmp_path / "first", False, [].append):
        log_failure(EVENT, "first", 3)
    with event_log(tmp_path / "second", False, [].append):
        log_failure(EVENT, "second", 3)

    assert [len(lines_in(tmp_path / name)) for name in ("first", "second")] == [1, 1]


def test_a_logdir_that_cannot_be_created_is_one_warning_and_nothing_else_b8(tmp_path, capsys):
    (tmp_path / "file").write_text("not a folder")
    warnings: list[str] = []

    with event_log(tmp_path / "file" / "log", False, warnings.append):
        log_failure(EVENT, "Summit did not answer", 3)

    assert len(warnings) == 1 and str(tmp_path / "file" / "log") in warnings[0]
    assert capsys.readouterr() == ("", "")


def test_the_log_rotates_past_its_size_keeping_five_old_files_b_8(tmp_path, monkeypatch):
    from datetime import date

    from summit_connector.adapters import event_log as module
    from summit_connector.domain.model import FailureEvent

    monkeypatch.setattr(module, "MAX_BYTES", 2000)
    event = FailureEvent("A", "S", "J", "1", date(2024, 9, 21), 16, 1)

    with module.event_log(tmp_path, False, lambda warning: None):
        for number in range(200):
            module.log_failure(event, f"failure number {number}", 1)

    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["summit-connector.log"] + [f"summit-connector.log.{n}" for n in range(1, 6)]
