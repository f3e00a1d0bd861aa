"""`explain` shows the group decision (B-13.1, B-13.4, B-7): the incident of the down agent or of the group that a new
incident would join, read from the journal, in text and in `--json`; it writes nothing."""

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from summit_connector.adapters.state.journal import SqliteJournal
from summit_connector.adapters.state.store import SqliteStore
from summit_connector.domain.model import FailureEvent

from tests.entrypoints.cli_harness import VENDOR_ARGS, run_cli, write_config, write_template

EARLIER = FailureEvent("WINAGENT01", "PAYROLL", "JOB000", "1", date(2024, 9, 21), 16, 1)
CREATED = datetime(2024, 9, 23, 10, 20)


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    write_config(tmp_path)
    write_template(tmp_path, grouping={"by": ["agent"], "windowMinutes": 15},
                   viewAddress={"name": "view", "value": "summit.example.com"},
                   urls=[{"name": "viewIncident", "value": "https://{0}/IM_TicketDetail.aspx?ID={1}"}])
    return tmp_path


def journaled(folder: Path, key: str, ticket: str = "10001") -> None:
    journal = SqliteJournal(SqliteStore(folder / "summit-connector.sqlite3"))
    journal.created(journal.intend(EARLIER, "basic.json", CREATED, EARLIER.job_key, key), ticket)


def explain(folder: Path, *flags: str):
    return run_cli(["explain", "-c", str(folder / "Connector.config"), *VENDOR_ARGS, "--offline",
                    "--now", "2024-09-23T10:30", *flags])


def test_explain_shows_the_group_incident_a_new_one_would_join_b_13_1(lab):
    journaled(lab, "agent=WINAGENT01")

    result = explain(lab, "--ticket-status", "In-Progress")

    assert result.code == 0, result.stderr
    assert "grouping by agent, windowMinutes 15: group key agent=WINAGENT01" in result.stdout
    assert ("group incident 10001 created Monday 2024-09-23 10:20, status In-Progress (from --ticket-status): open; "
            "it takes failures until Monday 2024-09-23 10:35") in result.stdout
    assert "JOIN incident 10001: add this failure, status In-Progress" in result.stdout
    assert "Incident Ticket ID of job JOB001 := 10001 linked to https://summit.example.com/IM_TicketDetail.aspx?ID=10001" \
        in result.stdout


def test_explain_json_holds_the_group_decision_record_b_13_1(lab):
    journaled(lab, "agent=WINAGENT01")

    record = json.loads(explain(lab, "--json").stdout)

    assert record["action"] == "grouped"
    assert record["group"]["verdict"] == "join"
    assert (record["group"]["joins"], record["group"]["key"], record["group"]["window_ends"]) == (
        "10001", "agent=WINAGENT01", "2024-09-23T10:35:00")
    assert record["group"]["incident"]["created_at"] == "2024-09-23T10:20:00"


def test_explain_shows_the_down_agents_incident_before_any_group_b_13_4(lab):
    journaled(lab, "agent-down=WINAGENT01", "10007")

    result = explain(lab)

    assert "agent WINAGENT01: incident 10007 is held for it since agent-down at Monday 2024-09-23 10:20" \
        in result.stdout
    assert "decision: join-agent-down: agent WINAGENT01 is down: incident 10007 takes its failures" in result.stdout


def test_explain_without_a_group_incident_says_a_new_one_becomes_the_groups_b_13_1(lab):
    result = explain(lab)

    assert "decision: new: no incident of group agent=WINAGENT01 was created in the last 15 minutes" in result.stdout
    assert "CREATE a new incident" in result.stdout


def test_explain_of_a_job_with_an_open_ticket_does_not_consider_the_group_b_13_1(lab):
    journaled(lab, "agent=WINAGENT01")

    result = explain(lab, "--ticket", "4711", "--ticket-status", "New")

    assert "not considered: no new incident would be created" in result.stdout
    assert "UPDATE incident 4711" in result.stdout
