"""`retry --uncertain --adopt TICKET` (B-9.1, B-9.2): an uncertain create's exit that is not "maybe a duplicate".
The installed CLI against the emulator over loopback; Summit creates the incident but answers with a page."""

import re

import pytest


def uncertain_create(sandbox, job=None) -> str:
    """Summit logs the incident, then answers 200 with an HTML page: the create is kept as uncertain. Returns the
    number Summit gave the incident, which the connector never read. Summit's incident list cannot be read here, so
    self-healing (B-15.2, tests/e2e/test_e2e_self_healing.py) cannot settle it and the operator adopts by hand."""
    sandbox.emulator.faults.fail("IM_GetIncidentListwithDetails", 500, times=None)
    before = set(incidents(sandbox))
    sandbox.emulator.faults.fail("summit", 200, path_contains="IM_LogOrUpdateIncident", after=True)
    run = sandbox.report(job or sandbox.samples.plain)
    assert run.code == 1 and "uncertain" in run.stderr, run.stderr
    [number] = set(incidents(sandbox)) - before
    return number


def incidents(sandbox) -> dict:
    with sandbox.emulator.state.lock:
        return dict(sandbox.emulator.state.incidents)


def kept_ids(sandbox) -> list[int]:
    listed = sandbox.run("outbox", "-c", str(sandbox.config)).stdout
    return [int(found) for found in re.findall(r"^id: (\d+)", listed, re.MULTILINE)]


def test_outbox_tells_what_to_look_for_in_summit_and_the_commands_to_adopt_or_create_b_9_2(sandbox):
    number = uncertain_create(sandbox)

    listed = sandbox.run("outbox", "-c", str(sandbox.config))

    assert listed.code == 0, listed.stderr
    [line] = listed.stdout.splitlines()
    description = incidents(sandbox)[number].fields["Description"]
    assert line.startswith("id: 1 | state: uncertain | kept at: ")
    kept_at = re.search(r"kept at: ([^|]+) \|", line).group(1)
    assert f"sent: {kept_at} |" in line
    assert "for job: JOB001 (schedule PAYROLL, 2024-09-21)" in line
    assert f'description: "{description}"' in line
    assert "summit-connector retry --uncertain --entry 1 --adopt TICKET" in line
    assert "if none: `summit-connector retry --uncertain`" in line


def test_adopting_the_number_summit_created_writes_it_back_attaches_the_log_and_empties_the_outbox_b_9_2(sandbox):
    number = uncertain_create(sandbox)
    existing = set(incidents(sandbox))

    run = sandbox.run("retry", "-c", str(sandbox.config), "--uncertain", "--adopt", number)

    assert run.code == 0, run.stderr
    assert run.stdout.strip() == (f"Incident {number} adopted for JOB001 (PAYROLL, 2024-09-21): "
                                  f"{sandbox.emulator.view_url(int(number))} (outbox entry 1)")
    assert set(incidents(sandbox)) == existing
    assert [n for n, incident in incidents(sandbox).items() if "JOB001" in incident.fields["Description"]] == [number]
    job = sandbox.job(sandbox.samples.plain)
    assert (job.incident_ticket_id, job.incident_ticket_url) == (number, sandbox.emulator.view_url(int(number)))
    assert sorted(name for name, _ in incidents(sandbox)[number].attachments) == ["JOB001_0000004245.stderr",
                                                                                  "JOB001_0000004245.stdout"]
    assert kept_ids(sandbox) == []
    assert "The outbox is empty" in sandbox.run("outbox", "-c", str(sandbox.config)).stdout


def test_after_an_adoption_the_next_failure_of_the_job_updates_that_incident_b_9_1(sandbox):
    number = uncertain_create(sandbox)
    existing = set(incidents(sandbox))
    assert sandbox.run("retry", "-c", str(sandbox.config), "--uncertain", "--adopt", number).code == 0

    again = sandbox.report(sandbox.samples.plain)

    assert again.code == 0, again.stderr
    assert again.stdout.startswith(f"Incident {number} updated for JOB001")
    assert set(incidents(sandbox)) == existing
    assert "failed again" in incidents(sandbox)[number].information[-1]


def test_the_adoption_is_journaled_so_the_job_is_no_longer_held_back_even_before_the_write_back_b_9_1(sandbox):
    number = uncertain_create(sandbox)
    existing = set(incidents(sandbox))
    sandbox.emulator.faults.fail("opcon", 500, times=None, path_contains="incidentTickets")

    adopted = sandbox.run("retry", "-c", str(sandbox.config), "--uncertain", "--adopt", number)
    listed = sandbox.run("outbox", "-c", str(sandbox.config)).stdout
    sandbox.emulator.faults.clear()
    plain_retry = sandbox.run("retry", "-c", str(sandbox.config))

    assert adopted.code == 1
    assert f"outbox entry 1 for JOB001 is kept as pending with incident {number}" in adopted.stderr
    assert f"state: pending | kept at:" in listed and f"ticket: {number}" in listed
    assert plain_retry.code == 0, plain_retry.stderr
    assert set(incidents(sandbox)) == existing
    assert sandbox.job(sandbox.samples.plain).incident_ticket_id == number
    assert kept_ids(sandbox) == []


@pytest.mark.parametrize("arguments, message", [
    (("--adopt", "10001"), "--adopt: only an uncertain entry can adopt an incident; give --uncertain too"),
    (("--uncertain", "--adopt", ""), "--adopt: expected the number of the incident Summit created"),
    (("--uncertain", "--adopt", "INC-1"), "--adopt: expected the number of the incident Summit created"),
    (("--uncertain", "--adopt", "10001", "--entry", "9"), "--entry 9: no such outbox entry"),
    (("--uncertain", "--entry", "1"), "--entry: names the uncertain entry --adopt TICKET is for"),
])
def test_a_wrong_adoption_is_one_line_exit_2_and_changes_nothing_b_9_2(sandbox, arguments, message):
    uncertain_create(sandbox)
    before = sandbox.run("outbox", "-c", str(sandbox.config)).stdout

    run = sandbox.run("retry", "-c", str(sandbox.config), *arguments)

    assert run.code == 2
    [line] = run.stderr.splitlines()
    assert line.startswith("summit-connector: error: ") and message in line
    assert sandbox.run("outbox", "-c", str(sandbox.config)).stdout == before
    assert sandbox.job(sandbox.samples.plain).incident_ticket_id == ""


def test_an_entry_that_is_not_uncertain_cannot_adopt_b_9_2(sandbox):
    sandbox.emulator.faults.fail("summit", 503, times=None, path_contains="IM_LogOrUpdateIncident")
    assert sandbox.report(sandbox.samples.plain).code == 1
    before = sandbox.run("outbox", "-c", str(sandbox.config)).stdout

    run = sandbox.run("retry", "-c", str(sandbox.config), "--uncertain", "--adopt", "10001", "--entry", "1")

    assert run.code == 2
    assert run.stderr.strip() == ("summit-connector: error: --entry 1: outbox entry 1 is pending, not uncertain: "
                                  "only an uncertain create can adopt an incident")
    assert sandbox.run("outbox", "-c", str(sandbox.config)).stdout == before


def test_with_several_uncertain_entries_the_entry_must_be_named_b_9_2(sandbox):
    first = uncertain_create(sandbox, sandbox.samples.plain)
    second = uncertain_create(sandbox, sandbox.samples.sub_schedule)

    ambiguous = sandbox.run("retry", "-c", str(sandbox.config), "--uncertain", "--adopt", first)
    named = sandbox.run("retry", "-c", str(sandbox.config), "--uncertain", "--adopt", second, "--entry", "2")

    assert ambiguous.code == 2
    assert ambiguous.stderr.strip() == ("summit-connector: error: --adopt: 2 uncertain entries are kept (1, 2): "
                                        "name the one that created the incident with --entry ID")
    assert named.code == 0, named.stderr
    assert sandbox.job(sandbox.samples.sub_schedule).incident_ticket_id == second
    assert sandbox.job(sandbox.samples.plain).incident_ticket_id == ""
    assert kept_ids(sandbox) == [1]
