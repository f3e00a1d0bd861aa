"""The installed CLI against the emulator: `encrypt` round trip (B-6.1), log file (B-8), no secret anywhere (B-6.3)."""

import re
from pathlib import Path

import pytest

LOG_FILE = Path("log") / "summit-connector.log"


def encrypted(sandbox, value: str) -> str:
    run = sandbox.run("encrypt", "-v", value, "-c", str(sandbox.config))
    assert run.code == 0, run.stderr
    return run.stdout.strip()


def set_token(sandbox, token: str) -> None:
    text = sandbox.config.read_text().replace(f"TOKEN={sandbox.emulator.opcon_token}", f"TOKEN={token}")
    sandbox.config.write_text(text)


def turn_debug_on(sandbox) -> None:
    sandbox.config.write_text(sandbox.config.read_text().replace("[GENERAL]\n", "[GENERAL]\nDEBUG=ON\n", 1))


def log_lines(sandbox) -> list[str]:
    return (sandbox.folder / LOG_FILE).read_text(encoding="utf-8").splitlines()


def event_lines(sandbox) -> list[str]:
    return [line for line in log_lines(sandbox) if " report " in line]


def files_holding(folder: Path, secret: str, allowed: set[Path]) -> list[str]:
    return [
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and path not in allowed and secret.encode() in path.read_bytes()
    ]


def assert_no_secret_leaked(sandbox, run) -> None:
    allowed = {sandbox.config, sandbox.template, sandbox.folder / "Connector.key"}
    for secret in (sandbox.emulator.opcon_token, sandbox.emulator.summit_api_key):
        assert secret not in run.stdout and secret not in run.stderr
        assert files_holding(sandbox.folder, secret, allowed) == []


def test_encrypted_token_and_api_key_round_trip_through_a_real_report_b6_1(sandbox):
    token = encrypted(sandbox, sandbox.emulator.opcon_token)
    api_key = encrypted(sandbox, sandbox.emulator.summit_api_key)
    set_token(sandbox, token)
    sandbox.edit_template(credentials={"apiKey": api_key})

    run = sandbox.report(sandbox.samples.plain)

    assert token.startswith("ENC:") and api_key.startswith("ENC:")
    assert sandbox.emulator.opcon_token not in sandbox.config.read_text()
    assert sandbox.emulator.summit_api_key not in sandbox.template.read_text()
    assert run.code == 0, run.stderr
    assert run.stdout.startswith("Incident 10001 created for JOB001")
    assert sandbox.job(sandbox.samples.plain).incident_ticket_id == "10001"


def test_the_key_in_the_environment_decrypts_without_a_key_file_b6_1(sandbox):
    key_file = sandbox.folder / "Connector.key"
    set_token(sandbox, encrypted(sandbox, sandbox.emulator.opcon_token))
    key = key_file.read_text().strip()
    key_file.unlink()

    without = sandbox.report(sandbox.samples.plain)
    with_env = sandbox.report(sandbox.samples.plain, env={"SUMMIT_CONNECTOR_KEY": key})

    assert without.code == 2 and "[OPCON API] TOKEN" in without.stderr and "SUMMIT_CONNECTOR_KEY" in without.stderr
    assert with_env.code == 0, with_env.stderr


def test_debug_report_logs_its_outcome_and_each_http_exchange_but_no_secret_b8_b6_3(sandbox):
    turn_debug_on(sandbox)

    run = sandbox.report(sandbox.samples.plain)

    assert run.code == 0, run.stderr
    assert sandbox.emulator.state.incidents["10001"].attachments, "the job log was attached"
    events = event_lines(sandbox)
    assert len(events) == 1
    assert " INFO report 20240921|16|1|JOB001 (PAYROLL): created 10001; exit 0" in events[0]
    exchanges = [line for line in log_lines(sandbox) if " DEBUG HTTP " in line]
    assert len(exchanges) == len(sandbox.emulator.state.requests)
    for called in ("CommonWS_JsonObjCall_JSON", "/incidentTickets", "UploadAttachment"):
        exchange = re.compile(rf"HTTP POST \S*{called}\S* -> 200 in \d+ ms; request: ")
        assert any(exchange.search(line) for line in exchanges), called
    assert any('"APIKey": "***"' in line for line in exchanges)
    assert_no_secret_leaked(sandbox, run)


def test_without_debug_only_the_event_line_is_logged_b8(sandbox):
    run = sandbox.report(sandbox.samples.open_ticket)

    assert run.code == 0, run.stderr
    assert [line.split(" INFO ", 1)[1] for line in log_lines(sandbox)] == [
        "report 20240921|16|1|TICKET_OPEN (PAYROLL): updated 9001; exit 0"
    ]


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_a_failing_report_logs_its_outcome_line_too_b8(sandbox, debug):
    if debug:
        turn_debug_on(sandbox)
    sandbox.emulator.faults.down("summit")

    run = sandbox.report(sandbox.samples.plain)

    assert run.code == 1
    events = event_lines(sandbox)
    assert len(events) == 1
    assert " ERROR report 20240921|16|1|JOB001 (PAYROLL): " in events[0] and "Summit" in events[0]
    assert events[0].endswith(f"; exit {run.code}")
    assert_no_secret_leaked(sandbox, run)


def test_an_invalid_template_is_logged_as_exit_2_b8(sandbox):
    sandbox.template.write_text('{"address": ')

    run = sandbox.report(sandbox.samples.plain)

    assert run.code == 2
    assert event_lines(sandbox)[0].endswith("invalid JSON: Expecting value; exit 2")


def test_a_logdir_that_cannot_be_created_is_a_warning_and_the_run_goes_on_b8(sandbox):
    (sandbox.folder / "blocked").write_text("a file where LOGDIR should be")
    sandbox.config.write_text(sandbox.config.read_text().replace("LOGDIR=log", "LOGDIR=blocked/log"))

    run = sandbox.report(sandbox.samples.plain)

    assert run.code == 0, run.stderr
    assert "warning:" in run.stderr and "blocked" in run.stderr and "no log file" in run.stderr
    assert "10001" in sandbox.emulator.state.incidents
