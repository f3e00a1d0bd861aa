"""B-13.2 in the report plan: a matching active silence ends the flow after EXIT; the record carries it."""

from datetime import datetime, timedelta

from summit_connector.domain.decision import Action
from summit_connector.domain.model import Trigger
from summit_connector.domain.plan import plan_report
from summit_connector.domain.silences import Silence
from summit_connector.domain.report_inputs import RecoveryInputs, ReportInputs

from tests.unit.factories import EXIT_ON_NOTICKET, NOW, make_event, make_job, make_settings, make_template, read_as

PATCH_NIGHT = Silence(7, "JOB*", "", "", "", NOW - timedelta(hours=1), NOW + timedelta(hours=1), "patch night")


def plan_with(*silences: Silence, job=None, ticket_status: str | None = None, event=None, now: datetime = NOW,
              template=None):
    event = event or make_event()
    job = job if job is not None else make_job(event)
    inputs = ReportInputs(event, job, now, silences=tuple(silences)).with_ticket_read(read_as(ticket_status))
    return plan_report(inputs, template or make_template(), make_settings())


def test_a_matching_silence_means_no_incident_and_nothing_written_back():
    decision = plan_with(PATCH_NIGHT)

    assert decision.action is Action.SILENCED
    assert decision.incident is None and decision.update is None and decision.write_back is None
    assert not decision.attach_job_log and not decision.sends


def test_the_record_carries_the_silence_and_the_reason_names_it():
    decision = plan_with(PATCH_NIGHT)

    assert decision.silence == PATCH_NIGHT
    assert decision.reason == "silenced by #7: patch night"


def test_a_job_with_an_open_ticket_is_silenced_too_and_its_ticket_left_alone():
    decision = plan_with(PATCH_NIGHT, job=make_job(incident_ticket_id="4711"), ticket_status="In-Progress")

    assert decision.action is Action.SILENCED
    assert decision.existing is None and decision.update is None and decision.ticket_number == ""


def test_a_tag_silence_matches_the_tags_of_the_job_opcon_holds():
    by_tag = Silence(2, "", "", "", "APP1_*", NOW, NOW + timedelta(hours=1), "app one migration")

    assert plan_with(by_tag, job=make_job(tags=("APP1_ROUTE1",))).action is Action.SILENCED
    assert plan_with(by_tag, job=make_job(tags=("APP2",))).action is Action.CREATED


def test_an_exit_tag_is_decided_before_a_silence():
    template = make_template(tags=(EXIT_ON_NOTICKET,))

    decision = plan_with(PATCH_NIGHT, job=make_job(tags=("NOTICKET",)), template=template)

    assert decision.action is Action.SKIPPED_EXIT and decision.silence is None


def test_an_sla_trigger_is_silenced():
    decision = plan_with(PATCH_NIGHT, event=make_event(trigger=Trigger.LATE_TO_FINISH))

    assert decision.action is Action.SILENCED


def test_a_silence_that_ended_or_does_not_match_changes_nothing():
    assert plan_with(PATCH_NIGHT, now=PATCH_NIGHT.ends).action is Action.CREATED
    assert plan_with(PATCH_NIGHT, event=make_event(job="PAYROLL")).action is Action.CREATED
    assert plan_with().silence is None
