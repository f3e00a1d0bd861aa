"""Contract: the failed daily jobs `reconcile` asks OpCon for (B-15.1), and a missed failure a test can add.

`GET /api/dailyjobs?dates=D1,D2&status=failed`: SMA's Java client sends several dates comma-joined as `yyyy-MM-dd`
(smatechnologies/opcon-commons-java `LocalDateSerializer`, `CollectionObjMapperSerializer` separator ","; reference
opcon-api.md §3.2); `status=failed` / `status=FAILED` as SMA's PowerShell sends it (opconsole-powershell
`ReportModule.psm1`, opcon-rest-api-client-powershell `OpCon_GetDailyJobsByStatus`), matched by status category.
A job's keys are those of smatechnologies/opcon-rest-api-client-java @ 07dadedae3a7, under
`src/main/java/com/smatechnologies/opcon/restapiclient/model/`: `dailyjob/DailyJob.java` (`status`,
`terminationDescription`, `startMachine`, `primaryMachine`, `schedule`), `JobStatus.java` (`id`, `description`,
`category`), `machine/Machine.java` (`id` Integer, `name`), `DailySchedule.java` (`id`, `date`, `masterId`,
`instance`, `name`); status ids 900/910 per opcon-docs `BIRT-Report-Generator.md` (opcon-api.md §4.1).
"""

import httpx
import pytest

from tests.integration.emulator.emulator_requests import TOKEN

THE_DAY_BEFORE, THE_DAY_AFTER = "2024-09-20", "2024-09-22"


@pytest.fixture(scope="module")
def opcon(emulator):
    with httpx.Client(base_url=emulator.opcon_url, headers=TOKEN, timeout=5) as client:
        yield client


def jobs(opcon, **params) -> list[dict]:
    response = opcon.get("/api/dailyjobs", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_several_dates_comma_joined_list_the_jobs_of_each(emulator, opcon):
    before = emulator.add_failed_job("PAYROLL", THE_DAY_BEFORE, 16, 1, "JOB009")
    emulator.add_failed_job("PAYROLL", THE_DAY_AFTER, 16, 1, "JOB010")

    found = jobs(opcon, dates=f"{THE_DAY_BEFORE},{emulator.samples.date.isoformat()}")

    assert {job["schedule"]["date"][:10] for job in found} == {THE_DAY_BEFORE, "2024-09-21"}
    assert before.id in {job["id"] for job in found}
    assert "JOB010" not in {job["name"] for job in found}


def test_several_dates_may_also_come_as_repeated_parameters(emulator, opcon):
    emulator.add_failed_job("PAYROLL", THE_DAY_BEFORE, 16, 1, "JOB009")

    repeated = opcon.get("/api/dailyjobs", params=[("dates", THE_DAY_BEFORE), ("dates", "2024-09-21")]).json()

    assert len(repeated) == len(jobs(opcon, dates=f"{THE_DAY_BEFORE},2024-09-21"))


@pytest.mark.parametrize("status", ["failed", "FAILED", "Failed"])
def test_status_failed_keeps_only_jobs_whose_category_is_failed(emulator, opcon, status):
    emulator.add_failed_job("PAYROLL", THE_DAY_BEFORE, 16, 1, "RAN_OK", status="Finished Ok")
    marked = emulator.add_failed_job("PAYROLL", THE_DAY_BEFORE, 16, 1, "MARKED", status="Marked Failed")

    found = jobs(opcon, dates=THE_DAY_BEFORE, status=status)

    assert [(job["name"], job["status"]["category"]) for job in found] == [(marked.name, "Failed")]


def test_a_failed_job_carries_the_status_object_of_job_status_java(emulator, opcon):
    [job] = jobs(opcon, ids=emulator.samples.plain.id)

    assert {key: job["status"][key] for key in ("id", "description", "category")} == {
        "id": 910, "description": "Failed", "category": "Failed"}


def test_a_job_finished_ok_carries_900_finished_ok(emulator, opcon):
    ran_ok = emulator.add_failed_job("PAYROLL", THE_DAY_BEFORE, 16, 1, "RAN_OK", status="Finished Ok")

    [job] = jobs(opcon, ids=ran_ok.id)

    assert {key: job["status"][key] for key in ("id", "description", "category")} == {
        "id": 900, "description": "Finished OK", "category": "Finished Ok"}


def test_a_job_carries_termination_machines_and_its_daily_schedule_as_daily_job_java(emulator, opcon):
    missed = emulator.add_failed_job("PAYROLL", THE_DAY_BEFORE, 16, 1, "JOB009", start_machine="WINAGENT02",
                                     primary_machine="WINAGENT01", termination="+000000002")

    [job] = jobs(opcon, ids=missed.id)

    assert job["terminationDescription"] == "+000000002"
    assert (job["startMachine"]["name"], job["primaryMachine"]["name"]) == ("WINAGENT02", "WINAGENT01")
    assert {type(job[key]["id"]) for key in ("startMachine", "primaryMachine")} == {int}
    assert job["startMachine"]["id"] != job["primaryMachine"]["id"]
    assert {key: job["schedule"][key] for key in ("id", "masterId", "instance", "name")} == {
        "id": "20240920|16|1", "masterId": 16, "instance": 1, "name": "PAYROLL"}
    assert job["schedule"]["date"].startswith(THE_DAY_BEFORE)


def test_one_agent_has_one_machine_id_across_jobs(emulator, opcon):
    found = jobs(opcon, dates="2024-09-21")

    ids = {job["startMachine"]["name"]: set() for job in found}
    for job in found:
        ids[job["startMachine"]["name"]].add(job["startMachine"]["id"])
    assert all(len(machine_ids) == 1 for machine_ids in ids.values())


@pytest.mark.parametrize(("start", "primary", "agent"), [
    (None, "WINAGENT02", "WINAGENT02"), (None, None, "N/A"), ("WINAGENT03", None, "WINAGENT03")])
def test_a_job_may_lack_a_start_or_primary_machine_and_the_agent_follows(emulator, opcon, start, primary, agent):
    """`[[$MACHINE NAME]]` "Returns N/A if no machine is assigned" (opcon-docs properties.md, opcon-api.md §10)."""
    missed = emulator.add_failed_job("PAYROLL", THE_DAY_BEFORE, 16, 1, "JOB009", start_machine=start,
                                     primary_machine=primary)

    [job] = jobs(opcon, ids=missed.id)

    assert job["startMachine"] == (None if start is None else {**job["startMachine"], "name": start})
    assert job["primaryMachine"] == (None if primary is None else {**job["primaryMachine"], "name": primary})
    assert missed.agent == agent


def test_a_missed_failure_is_only_in_the_daily(emulator):
    incidents = dict(emulator.state.incidents)

    missed = emulator.add_failed_job("PAYROLL", "2024-09-21", 16, 1, "JOB009", tags=["APP1_ROUTE1"])

    assert emulator.state.requests == []
    assert emulator.state.incidents == incidents
    assert emulator.state.jobs[missed.id].schedule is emulator.state.schedules["20240921|16|1"]
    assert (missed.tags, missed.ticket, missed.schedule_id, missed.instance) == (("APP1_ROUTE1",), "", 16, 1)


def test_a_missed_failure_on_a_known_schedule_must_name_it_as_the_daily_does(emulator):
    with pytest.raises(ValueError, match="PAYROLL"):
        emulator.add_failed_job("NOT_PAYROLL", "2024-09-21", 16, 1, "JOB009")


def test_a_missed_failure_with_an_unknown_status_is_refused(emulator):
    with pytest.raises(ValueError, match="Unknown job status"):
        emulator.add_failed_job("PAYROLL", "2024-09-21", 16, 1, "JOB009", status="Exploded")


def test_a_missed_failure_can_be_added_over_the_control_api(emulator, opcon):
    with httpx.Client(base_url=emulator.opcon_url, timeout=5) as control:
        added = control.post("/_emulator/failed-job", json={
            "schedule": "PAYROLL", "day": THE_DAY_BEFORE, "masterId": 16, "instance": 1, "job": "JOB009",
            "startMachine": None, "primaryMachine": "WINAGENT02", "tags": ["APP1"]}).json()

    [job] = jobs(opcon, ids=added["job"])
    assert (added["agent"], job["tags"], job["startMachine"]) == ("WINAGENT02", ["APP1"], None)


def test_every_sample_ran_on_its_agent_and_has_a_termination_description(emulator, opcon):
    served = {job["id"]: job for job in jobs(opcon, dates=emulator.samples.date.isoformat())}

    pairs = [((served[s.id]["startMachine"]["name"], served[s.id]["terminationDescription"]), (s.agent, s.termination))
             for s in emulator.samples.all()]
    assert all(got == wanted for got, wanted in pairs)
    assert all(termination.startswith(("+", "-")) for _, (_, termination) in pairs)
