"""Error lines are for people (B-9.4) and a big job log travels whole (B-4.11): the installed CLI against the
emulator over loopback."""

from summit_connector.adapters.emulator import SampleJob


def outbox(sandbox) -> str:
    return sandbox.run("outbox", "-c", str(sandbox.config)).stdout


def incidents_for(sandbox, job_name: str) -> list[str]:
    with sandbox.emulator.state.lock:
        return [number for number, incident in sandbox.emulator.state.incidents.items()
                if job_name in incident.fields.get("Description", "")]


def test_a_502_error_page_is_one_line_of_text_on_stderr_and_in_the_outbox_b_9_4(sandbox):
    sandbox.emulator.faults.fail("summit", 502, times=None, path_contains="IM_LogOrUpdateIncident")

    run = sandbox.report(sandbox.samples.plain)
    listed = outbox(sandbox)

    assert run.code == 1
    [line] = run.stderr.splitlines()
    assert "answered HTTP 502: HTTP 502" in line and "kept for retry" in line
    assert "<" not in line and "<" not in listed
    assert "HTTP 502" in listed


def test_a_create_answered_by_a_2xx_page_is_kept_uncertain_and_never_created_twice_b_9_2(sandbox):
    sandbox.emulator.faults.fail("summit", 200, path_contains="IM_LogOrUpdateIncident", after=True)

    run = sandbox.report(sandbox.samples.plain)
    listed = outbox(sandbox)
    plain_retry = sandbox.run("retry", "-c", str(sandbox.config))

    assert run.code == 1
    assert "other than a JSON object: HTTP 200" in run.stderr and "<" not in run.stderr
    assert "uncertain" in listed and "rejected" not in listed
    assert plain_retry.code == 0
    assert incidents_for(sandbox, "JOB001") == ["10001"]


def test_a_refused_opcon_token_is_named_and_the_failure_kept_b_9_4(sandbox):
    text = sandbox.config.read_text()
    sandbox.config.write_text(text.replace(f"TOKEN={sandbox.emulator.opcon_token}", "TOKEN=not-the-token"))

    run = sandbox.report(sandbox.samples.plain)

    assert run.code == 1
    assert "[OPCON API] TOKEN was refused by OpCon (HTTP 401 on GET /api/dailyschedules): Invalid token specified" \
        in run.stderr
    assert "kept for retry" in run.stderr and "not-the-token" not in run.stderr


def test_a_big_log_reaches_summit_byte_for_byte_b_4_11(sandbox):
    log = "".join(f"{n:07d} copied \"ledger\" to C:\\out — ok ✓\r\n" for n in range(60_000))
    schedule = sandbox.samples.plain.id.rsplit("|", 1)[0]
    job_id = sandbox.emulator.add_job(schedule, "BIGLOG", job_number=880001, job_output={"BIGLOG.log": log})
    job = SampleJob(job_id, 0, "BIGLOG", "PAYROLL", 16, 1, sandbox.samples.date, "AGENT", "1", 880001)
    text = sandbox.config.read_text()
    sandbox.config.write_text(text.replace("[GENERAL]\n", "[GENERAL]\nMAX_JOBLOG_BYTES=8388608\n", 1))

    run = sandbox.report(job)

    assert run.code == 0, run.stderr
    [number] = incidents_for(sandbox, "BIGLOG")
    [(name, content)] = sandbox.emulator.state.incidents[number].attachments
    assert name.endswith("BIGLOG.log")
    assert content == log.encode("utf-8")
