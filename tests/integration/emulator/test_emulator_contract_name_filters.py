"""Contract: OpCon's `name=` filters are applied as sent; the client, not the server, adds wildcards.

smatechnologies/opcon-commons-java `src/main/java/com/smatechnologies/opcon/commons/util/StringUtil.java`
(`convertDosWildcardStringToOpconApiString`, used by `objmapper/modifier/DosWildcardObjMapperModifier.java`) turns
`JOB001` into `*JOB001*` and `=JOB001` into `JOB001` before the request leaves the Java client.
"""

import httpx
import pytest

from summit_connector.adapters.config.connector_file import load_connector_config
from summit_connector.adapters.emulator import sample_config_files
from summit_connector.adapters.opcon import OpConDailyJobs, make_opcon_client
from summit_connector.domain.model import FailureEvent

from tests.integration.emulator.emulator_requests import TOKEN

PAYROLL = {"scheduleIds": "20240921|16|1"}


@pytest.fixture(scope="module")
def opcon(emulator):
    with httpx.Client(base_url=emulator.opcon_url, headers=TOKEN, timeout=5) as client:
        yield client


@pytest.fixture
def daily_jobs(emulator, tmp_path):
    config = load_connector_config(sample_config_files(tmp_path, emulator)[0], {})
    with make_opcon_client(config.opcon) as client:
        yield OpConDailyJobs(client)


def names(opcon, **params: str) -> list[str]:
    return [row["name"] for row in opcon.get("/api/dailyjobs", params={**PAYROLL, **params}).json()]


def event_for(sample) -> FailureEvent:
    return FailureEvent(sample.agent, sample.schedule, sample.name, sample.termination, sample.date,
                        sample.schedule_id, sample.instance)


def under_an_id_we_cannot_rebuild(emulator, sample) -> None:
    """The job answers only to the name query: its id's date segment is an OLE day number (opcon-api.md §3.1)."""
    job = emulator.state.jobs.pop(sample.id)
    job.id = "45556|" + sample.id.split("|", 1)[1]
    emulator.state.jobs[job.id] = job


def test_a_bare_name_matches_that_name_only(opcon):
    """StringUtil.java: the `*…*` widening is the client's; a server that added it would return decoys too."""
    assert names(opcon, name="JOB001") == ["JOB001"]


def test_a_leading_equals_sign_is_part_of_the_name(opcon):
    """StringUtil.java strips the `=` on the client side; the server receives the name it should match."""
    assert names(opcon, name="=JOB001") == []


def test_the_java_clients_widened_name_finds_every_job_containing_it(opcon):
    """StringUtil.convertDosWildcardStringToOpconApiString("JOB001", false) == "*JOB001*"."""
    assert names(opcon, name="*JOB001*") == ["JOB001", "JOB001_2", "MYJOB001"]


def test_a_question_mark_matches_one_character(opcon):
    """StringUtil.java: `?` is the DOS one-character wildcard (SQL `_`)."""
    assert names(opcon, name="JOB00?") == ["JOB001"]


@pytest.mark.parametrize("role", ["spaces_and_dollar", "sub_schedule", "plain"])
def test_the_connector_finds_a_job_by_name_when_its_id_does_not_answer(emulator, daily_jobs, role):
    """The adapter (src/adapters/opcon/daily_jobs.py, B-4.2) sends the name as is, `[`/`]` widened to `?` as SMA's
    PowerShell does (smatechnologies/opcon-rest-api-client-powershell `Module/OpConModule.psm1`,
    `OpCon_ScheduleAction`), and keeps only the job whose name is equal."""
    sample = getattr(emulator.samples, role)
    under_an_id_we_cannot_rebuild(emulator, sample)

    found = daily_jobs.find(event_for(sample))

    assert (found.name, found.uid) == (sample.name, sample.uid)
    queries = [log.params for log in emulator.state.requests if log.route == "/api/dailyjobs"]
    assert [query["name"] for query in queries if "name" in query] == [sample.name.replace("[", "?").replace("]", "?")]
