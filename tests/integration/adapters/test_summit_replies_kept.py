"""What the report keeps after Summit's answer (B-9.2): a create Summit may have acted on is *uncertain*, a refusal
*rejected*, and the kept line is text for people (B-9.4). Real Summit adapter over respx, in-memory ports else."""

from summit_connector.adapters.memory import InMemoryDailyJobs
from summit_connector.application.ports import KeptEvent, KeptState

from tests.integration.adapters.opcon_samples import make_event, make_job
from tests.integration.adapters.report_lab import RecordingSleep, kept_entry, report_lab
from tests.integration.adapters.summit_samples import (
    INCIDENT_URL,
    details_reply,
    logged_reply,
    make_incidents,
    summit_mock,
    ticket_detail,
)

SIGN_IN_PAGE = ("<!DOCTYPE html><html><head><title>Sign in to your account</title></head>"
                "<body><form><div>Sign in</div></form></body></html>")


def kept_after(reply: dict) -> tuple[KeptEvent, RecordingSleep]:
    sleep = RecordingSleep()
    delivery, outbox = report_lab(InMemoryDailyJobs([make_job(id=make_event().job_key)]), make_incidents(), sleep)
    with summit_mock() as summit:
        summit.post(INCIDENT_URL).respond(**reply)
        return kept_entry(delivery, outbox), sleep


def test_a_create_answered_by_a_sign_in_page_is_kept_uncertain_not_rejected_b_9_2():
    entry, sleep = kept_after(dict(status_code=200, text=SIGN_IN_PAGE, headers={"Content-Type": "text/html"}))

    assert entry.state is KeptState.UNCERTAIN
    assert "Sign in to your account Sign in" in entry.last_error
    assert "<" not in entry.last_error
    assert sleep.pauses == []


def test_a_create_summit_refused_in_its_words_is_still_kept_rejected_b_9():
    entry, _ = kept_after(dict(json=logged_reply(0, Errors="Invalid Category_Name")))

    assert entry.state is KeptState.REJECTED


def test_a_proxys_502_page_is_kept_as_one_line_of_text_b_9_4():
    page = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<h1>502 Bad Gateway</h1>\n</body>\n</html>"

    entry, _ = kept_after(dict(status_code=502, text=page))

    assert entry.state is KeptState.UNCERTAIN
    assert "answered HTTP 502: 502 Bad Gateway 502 Bad Gateway" in entry.last_error
    assert "<" not in entry.last_error and "\n" not in entry.last_error


def test_an_update_answered_by_a_sign_in_page_is_kept_pending_not_rejected_b_9_2():
    sleep = RecordingSleep()
    job = make_job(id=make_event().job_key, incident_ticket_id="4507")
    delivery, outbox = report_lab(InMemoryDailyJobs([job]), make_incidents(), sleep)

    with summit_mock() as summit:
        summit.post(INCIDENT_URL, json__ServiceName="IM_GetIncidentDetailsAndChangeHistory").respond(
            json=details_reply(ticket_detail("In-Progress")))
        update = summit.post(INCIDENT_URL, json__ServiceName="IM_LogOrUpdateIncident").respond(
            200, text=SIGN_IN_PAGE, headers={"Content-Type": "text/html"})
        entry = kept_entry(delivery, outbox)

    assert entry.state is KeptState.PENDING
    assert "Sign in to your account Sign in" in entry.last_error and "<" not in entry.last_error
    assert len(update.calls) == 3 and sleep.pauses == [0.5, 1.0]
