"""Contract: the daily-job write routes public sources show, and when a daily job has an incident ticket.

Routes: markcoleman/OpyConyMcpy `swagger.json` (a copy of OpCon REST API 21.2's OpenAPI) and
smatechnologies/opcon-rest-api-client-java `src/main/java/com/smatechnologies/opcon/restapiclient/api/dailyjobs/`.
"""


import httpx
import pytest

from tests.integration.emulator.emulator_requests import TOKEN, job_path


@pytest.fixture(scope="module")
def opcon(emulator):
    with httpx.Client(base_url=emulator.opcon_url, headers=TOKEN, timeout=5) as client:
        yield client


def tickets(opcon, uid: int) -> list:
    return opcon.get(f"/api/dailyjobs/{uid}/incidentTickets").json()


def test_put_of_the_whole_daily_job_sets_its_incident_ticket_and_answers_the_job(emulator, opcon):
    """opcon-rest-api-client-java `api/dailyjobs/WsDailyJobs.java` (`put`: a DailyJob to its id, a DailyJob back);
    swagger.json `PUT /api/dailyjobs/{rawId}`."""
    plain = emulator.samples.plain
    job = opcon.get(job_path(plain.id)).json()

    reply = opcon.put(job_path(plain.id), json={**job, "incidentTicketId": "10042", "incidentTicketURL": "https://v/1"})

    assert reply.status_code == 200
    assert (reply.json()["id"], reply.json()["incidentTicketId"]) == (plain.id, "10042")
    assert tickets(opcon, plain.uid) == [{"id": 1, "ticketId": "10042", "ticketUrl": "https://v/1"}]


def test_put_of_the_whole_daily_job_changes_its_documentation_text(emulator, opcon):
    """smatechnologies/opcon-cli-java `src/test/java/com/smatechnologies/opcon/command/api/
    TestDailyJobIncidentFieldUpdate.java`: documentation.job is edited on the fetched job and PUT back."""
    plain = emulator.samples.plain
    job = opcon.get(job_path(plain.id)).json()
    job["documentation"]["job"] = "existing ticket INC0000566"

    opcon.put(job_path(plain.id), json=job)

    assert opcon.get(job_path(plain.id, "/documentation")).json()["job"] == "existing ticket INC0000566"


def test_put_of_the_whole_daily_job_with_another_id_in_the_body_is_400(emulator, opcon):
    """swagger.json `PUT /api/dailyjobs/{rawId}`: the path names the job the body describes."""
    response = opcon.put(job_path(emulator.samples.plain.id), json={"id": emulator.samples.route1.id})

    assert response.status_code == 400


def test_documentation_can_be_deleted(emulator, opcon):
    """swagger.json `DELETE /api/dailyjobs/{rawId}/documentation/{documentationId}`."""
    plain = emulator.samples.plain
    doc_id = opcon.get(job_path(plain.id, "/documentation")).json()["id"]

    response = opcon.delete(job_path(plain.id, f"/documentation/{doc_id}"))

    assert response.status_code == 200
    assert opcon.get(job_path(plain.id, "/documentation")).json() == {"id": doc_id, "job": None, "frequency": None}
    assert emulator.state.documentation_writes[-1].method == "DELETE"


def test_deleting_documentation_of_another_id_is_404(emulator, opcon):
    """swagger.json `DELETE /api/dailyjobs/{rawId}/documentation/{documentationId}` (documentationId: int32)."""
    response = opcon.delete(job_path(emulator.samples.plain.id, "/documentation/999999"))

    assert response.status_code == 404


def test_a_ticket_url_alone_is_no_incident_ticket(emulator, opcon):
    """swagger.json `DailyJobIncidentTicket {id, ticketId, ticketUrl}`; GET …/incidentTickets "will always return a
    single instance" of the job's one ticket (smatechnologies/opcon-rest-api-client-java issue #52): a job
    without a ticketId has none."""
    schedule = emulator.add_schedule("2024-09-21", 16, 2, "PAYROLL")
    uid = emulator.state.jobs[emulator.add_job(schedule, "URL_ONLY", incident_ticket_url="https://v/9")].uid

    listed = tickets(opcon, uid)
    update = opcon.put(f"/api/dailyjobs/{uid}/incidentTickets/1", json={"id": 1, "ticketId": "1"})

    assert (listed, update.status_code) == ([], 404)


def test_clearing_the_ticket_id_on_the_whole_job_removes_the_incident_ticket(emulator, opcon):
    """opcon-rest-api-client-java `model/dailyjob/DailyJob.java` (incidentTicketId, incidentTicketURL) and
    `api/dailyjobs/incidentTickets/WsDailyJobsIncidentTickets.java`: both views of the one ticket agree."""
    ticketed = emulator.samples.open_ticket
    job = opcon.get(job_path(ticketed.id)).json()

    reply = opcon.put(job_path(ticketed.id), json={**job, "incidentTicketId": None}).json()

    assert (reply["incidentTicketId"], reply["incidentTicketURL"]) == (None, None)
    assert tickets(opcon, ticketed.uid) == []


def test_a_blank_ticket_id_creates_no_incident_ticket(emulator, opcon):
    """swagger.json `POST /api/dailyjobs/{uid}/incidentTickets` with `DailyJobIncidentTicket.ticketId`."""
    plain = emulator.samples.plain
    blank = {"id": 0, "ticketId": " ", "ticketUrl": "https://v/1"}

    response = opcon.post(f"/api/dailyjobs/{plain.uid}/incidentTickets", json=blank)

    assert (response.status_code, tickets(opcon, plain.uid)) == (400, [])
