"""The emulated OpCon REST API, over loopback, as the connector's OpCon adapter sees it (B-4.2, B-4.10)."""

from datetime import date

import httpx
import pytest

from summit_connector.adapters.emulator import Emulator, SampleJob
from summit_connector.domain.decision import TicketState
from summit_connector.domain.tags import (
    ASSIGNTO_PREFIX,
    CATNAME_PREFIX,
    WRKGRP_PREFIX,
    RuleKind,
    Verdict,
    find_exit_tag,
    route_by_tags,
    rule_name,
)
from summit_connector.domain.template import Rules
from summit_connector.domain.tickets import classify_status

from tests.integration.emulator.emulator_requests import TOKEN, job_path
from tests.unit.factories import DEFAULT_TO_DEVOPS, EXIT_ON_NOTICKET, ROUTE1_TO_APPLICATION_ONE, vendor_routing_template


@pytest.fixture(scope="module")
def opcon(emulator):
    with httpx.Client(base_url=emulator.opcon_url, headers=TOKEN, timeout=5) as client:
        yield client


@pytest.fixture(scope="module")
def anonymous(emulator):
    with httpx.Client(base_url=emulator.opcon_url, timeout=5) as client:
        yield client


def test_version_needs_no_token(anonymous):
    response = anonymous.get("/api/version")

    assert response.json() == {"opConRestApiProductVersion": "21.2.0-emulator"}


def test_tokens_returns_the_token_object(opcon):
    body = opcon.get("/api/tokens").json()

    assert body["id"] == "sandbox-token"
    assert body["tokenType"]["type"] == "Application"


@pytest.mark.parametrize("header", [{}, {"Authorization": "Token wrong"}, {"Authorization": "Bearer sandbox-token"}])
def test_a_missing_or_wrong_token_gets_401_with_an_api_error_array(anonymous, header):
    response = anonymous.get("/api/dailyjobs", headers=header)

    assert response.status_code == 401
    assert response.json()[0]["message"] == "Invalid token specified"


def test_paths_are_case_insensitive(opcon):
    assert opcon.get("/API/DailyJobs").status_code == 200
    assert opcon.get("/api/dailySchedules").status_code == 200


def test_unknown_path_is_an_rfc7807_404(opcon):
    response = opcon.get("/api/nothing")

    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_daily_schedules_by_date_carry_the_id_master_id_and_instance(emulator, opcon):
    rows = opcon.get("/api/dailyschedules", params={"dates": "2024-09-21"}).json()

    nightly = next(row for row in rows if row["masterId"] == 17)
    assert nightly["id"] == "20240921|17|2"
    assert (nightly["instance"], nightly["name"]) == (2, "Nightly Batch$0002")
    assert opcon.get("/api/dailyschedules", params={"dates": "2024-09-22"}).json() == []


def test_a_badly_formatted_date_is_a_400_code_message(opcon):
    response = opcon.get("/api/dailyschedules", params={"dates": "20240921"})

    assert response.status_code == 400
    assert set(response.json()) == {"code", "message"}


def test_daily_jobs_by_ids_match_exactly_and_include_documentation(emulator, opcon):
    plain = emulator.samples.plain

    rows = opcon.get("/api/dailyjobs", params={"ids": plain.id, "includeDocumentation": "true"}).json()

    assert [row["name"] for row in rows] == ["JOB001"]
    job = rows[0]
    assert (job["uid"], job["jobNumber"], job["schedule"]["masterId"]) == (plain.uid, 4245, 16)
    assert job["status"] == {"id": 910, "startStatus": None, "description": "Failed", "category": "Failed",
                             "changeReason": None}
    assert job["documentation"]["job"] == "Check the payroll input folder before restarting."
    assert job["incidentTicketId"] is None


def test_documentation_is_left_out_without_include_documentation(emulator, opcon):
    rows = opcon.get("/api/dailyjobs", params={"ids": emulator.samples.plain.id}).json()

    assert rows[0]["documentation"] is None


def test_several_ids_are_comma_joined(emulator, opcon):
    ids = f"{emulator.samples.route1.id},{emulator.samples.spaces_and_dollar.id}"

    rows = opcon.get("/api/dailyjobs", params={"ids": ids}).json()

    assert {row["name"] for row in rows} == {"ROUTED_APP1", "Extract Daily $USER Files"}


def test_name_filters_take_wildcards_as_sent(emulator, opcon):
    payroll = {"scheduleIds": "20240921|16|1"}

    names = [row["name"] for row in opcon.get("/api/dailyjobs", params={**payroll, "name": "*JOB001*"}).json()]
    starred = [row["name"] for row in opcon.get("/api/dailyjobs", params={"name": "ROUTED_*GRP"}).json()]
    bare = [row["name"] for row in opcon.get("/api/dailyjobs", params={"name": "job001"}).json()]

    assert names == ["JOB001", "JOB001_2", "MYJOB001"]
    assert starred == ["ROUTED_WRKGRP"]
    assert bare == ["JOB001"]


def test_brackets_in_a_name_filter_are_character_classes_so_the_job_is_missed(emulator, opcon):
    rows = opcon.get("/api/dailyjobs", params={"name": "Load[Customers]"}).json()
    by_id = opcon.get("/api/dailyjobs", params={"ids": emulator.samples.sub_schedule.id}).json()

    assert rows == []
    assert [row["name"] for row in by_id] == ["Load[Customers]"]


def test_job_names_with_spaces_and_dollar_come_back_verbatim(emulator, opcon):
    rows = opcon.get("/api/dailyjobs", params={"ids": emulator.samples.spaces_and_dollar.id}).json()

    assert rows[0]["id"] == "20240921|17|2|Extract Daily $USER Files"
    assert rows[0]["schedule"]["name"] == "Nightly Batch$0002"


def test_limit_offset_and_count(opcon):
    response = opcon.get("/api/dailyjobs", params={"limit": "2", "offset": "1", "includeCount": "true"})

    assert len(response.json()) == 2
    assert int(response.headers["TotalResourceCount"]) > 2


def test_one_daily_job_by_its_url_encoded_id(emulator, opcon):
    response = opcon.get(job_path(emulator.samples.sub_schedule.id))

    assert response.json()["name"] == "Load[Customers]"
    assert opcon.get(job_path("20240921|16|1|NOPE")).status_code == 404


def test_a_job_without_ticket_has_an_empty_ticket_list(emulator, opcon):
    assert opcon.get(f"/api/dailyjobs/{emulator.samples.plain.uid}/incidentTickets").json() == []


def test_posting_a_ticket_sets_the_jobs_incident_ticket_id_and_url(emulator, opcon):
    plain = emulator.samples.plain
    body = {"id": 0, "ticketId": "10001", "ticketUrl": "http://summit/IM_TicketDetail.aspx?ID=10001"}

    response = opcon.post(f"/api/dailyjobs/{plain.uid}/incidentTickets", json=body)

    assert response.json() == {"id": 1, "ticketId": "10001", "ticketUrl": body["ticketUrl"]}
    job = opcon.get("/api/dailyjobs", params={"ids": plain.id}).json()[0]
    assert (job["incidentTicketId"], job["incidentTicketURL"]) == ("10001", body["ticketUrl"])
    assert emulator.state.incident_ticket_writes[-1] == (plain.uid, "POST", body)


def test_an_existing_ticket_is_listed_and_replaced_with_put(emulator, opcon):
    job = emulator.samples.open_ticket
    path = f"/api/dailyjobs/{job.uid}/incidentTickets"

    listed = opcon.get(path).json()
    replaced = opcon.put(f"{path}/1", json={"id": 1, "ticketId": "10002", "ticketUrl": "u"})

    assert listed == [{"id": 1, "ticketId": "9001", "ticketUrl": ""}]
    assert replaced.json()["ticketId"] == "10002"
    assert emulator.state.jobs[job.id].incident_ticket_id == "10002"


def test_posting_over_an_existing_ticket_is_refused(emulator, opcon):
    response = opcon.post(f"/api/dailyjobs/{emulator.samples.open_ticket.uid}/incidentTickets",
                          json={"id": 0, "ticketId": "1", "ticketUrl": ""})

    assert response.status_code == 400


def test_ticket_errors_unknown_uid_non_numeric_uid_and_put_without_ticket(emulator, opcon):
    unknown = opcon.get("/api/dailyjobs/999999/incidentTickets")
    not_a_uid = opcon.get(job_path(emulator.samples.plain.id, "/incidentTickets"))
    nothing_to_put = opcon.put(f"/api/dailyjobs/{emulator.samples.plain.uid}/incidentTickets/1",
                               json={"id": 1, "ticketId": "1"})

    assert (unknown.status_code, unknown.json()["status"]) == (404, 404)
    assert not_a_uid.status_code == 400
    assert nothing_to_put.status_code == 404


def test_documentation_is_read_and_replaced_through_the_encoded_job_id(emulator, opcon):
    plain = emulator.samples.plain
    current = opcon.get(job_path(plain.id, "/documentation")).json()
    body = {"id": current["id"], "job": f"Last Incident Date : 2024-09-21\r\n{current['job']}",
            "frequency": current["frequency"]}

    response = opcon.put(job_path(plain.id, f"/documentation/{current['id']}"), json=body)

    assert response.json()["job"].startswith("Last Incident Date : 2024-09-21\r\n")
    assert emulator.state.jobs[plain.id].documentation.job == body["job"]
    assert emulator.state.documentation_writes == [(plain.id, "PUT", body)]
    assert "%7C" in emulator.state.requests[-1].path


def test_documentation_post_and_wrong_documentation_id(emulator, opcon):
    job = emulator.samples.route1

    created = opcon.post(job_path(job.id, "/documentation"), json={"job": "first note"})
    wrong = opcon.put(job_path(job.id, "/documentation/424242"), json={"id": 424242, "job": "x"})

    assert created.json()["job"] == "first note"
    assert wrong.status_code == 404


def test_the_b42_lookup_finds_a_sub_schedule_job_from_the_notification_values(emulator, opcon):
    job = emulator.samples.sub_schedule
    rows = opcon.get("/api/dailyschedules", params={"dates": job.date.isoformat()}).json()
    row = next(r for r in rows if (r["masterId"], r["instance"]) == (job.schedule_id, job.instance))

    found = opcon.get("/api/dailyjobs", params={"ids": f"{row['id']}|{job.name}", "includeDocumentation": "true"})

    assert [(r["id"], r["uid"]) for r in found.json()] == [(job.id, job.uid)]
    assert emulator.state.requests[-1].params["ids"] == "20240921|18|1|Load[Customers]"
    assert emulator.state.requests[-1].route == "/api/dailyjobs"


def test_the_samples_cover_routing_tags_exit_and_existing_tickets(emulator, opcon):
    samples = emulator.samples
    template = vendor_routing_template(extra_tags=(EXIT_ON_NOTICKET,))
    every_rule = Rules(include_tag_routing=True, include_category_name_tag=True, include_assign_to_tag=True)
    served = {row["uid"]: row for row in opcon.get("/api/dailyjobs", params={"dates": samples.date.isoformat()}).json()}

    def tags(job: SampleJob) -> tuple[str, ...]:
        """The job's tags as the emulated OpCon serves them, which is what the report flow routes on."""
        assert tuple(served[job.uid]["tags"]) == job.tags, f"{job.name}: OpCon serves other tags than the sample's"
        return job.tags

    def winners(job: SampleJob, rules: Rules = every_rule) -> dict[str, RuleKind]:
        routing = route_by_tags(tags(job), rules, template.tags)
        return {verdict.rule: verdict.kind for verdict in routing.verdicts if verdict.verdict is Verdict.WON}

    def state(job: SampleJob) -> TicketState:
        held = served[job.uid]["incidentTicketId"]
        assert held == job.ticket, f"{job.name}: OpCon holds ticket {held!r}, the sample says {job.ticket!r}"
        return classify_status(emulator.state.incidents[held].status, template.summit)

    routed = {rule_name(ROUTE1_TO_APPLICATION_ONE): RuleKind.ROUTING}
    default = {rule_name(DEFAULT_TO_DEVOPS): RuleKind.DEFAULT}
    assert winners(samples.route1) == routed
    assert winners(samples.default_route) == default
    assert winners(samples.workgroup, Rules(include_work_group_name_tag=True)) == {WRKGRP_PREFIX: RuleKind.PREFIX}
    assert winners(samples.category) == {CATNAME_PREFIX: RuleKind.PREFIX, **default}
    assert winners(samples.assign_to) == {ASSIGNTO_PREFIX: RuleKind.PREFIX, **default}
    assert find_exit_tag(tags(samples.no_ticket), template.tags) is not None
    assert winners(samples.no_ticket) == routed, \
        "the EXIT sample should also match a routing rule, so that EXIT is seen to win over routing"
    assert [state(job) for job in (samples.open_ticket, samples.resolved_ticket, samples.closed_ticket)] == [
        TicketState.OPEN, TicketState.RESOLVED, TicketState.CLOSED]
    assert [job for job in samples.all() if job.ticket and job.ticket not in emulator.state.incidents] == []
    uids = [job.uid for job in samples.all()]
    assert len(set(uids)) == len(uids) == 12, uids


def test_sample_report_arguments_are_what_notification_manager_passes(emulator):
    assert emulator.samples.plain.report_args() == [
        "-a", "UNIXAGENT01", "-s", "PAYROLL", "-jn", "JOB001", "-e", "+000000001:0000:N",
        "-sd", "2024-09-21", "-si", "16", "-sn", "1"]


def test_samples_can_be_seeded_for_another_day():
    samples = Emulator().seed_samples(date(2025, 1, 2))

    assert samples.plain.id == "20250102|16|1|JOB001"
