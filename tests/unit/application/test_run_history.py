"""What a run leaves in history (B-10.3): one event built from the run's outcome or its failure."""

from datetime import datetime

from summit_connector.application.delivery import KeptForRetry
from summit_connector.application.errors import OpConError, SummitUnavailable
from summit_connector.application.ports import KeptEvent, KeptState
from summit_connector.application.report import ReportOutcome
from summit_connector.application.run_history import history_event
from summit_connector.domain.decision import Action
from summit_connector.domain.model import Trigger

from tests.unit.factories import make_event

NOW = datetime(2024, 9, 23, 10, 30, 5)


def test_an_outcome_gives_the_action_ticket_and_reason_b_10_3():
    outcome = ReportOutcome(Action.CREATED, make_event(), "the job has no incident ticket: create one", "1001")

    event = history_event("report", make_event(), NOW, 0, outcome=outcome)

    assert (event.time, event.command, event.trigger, event.job, event.schedule, event.date) == (
        NOW, "report", "failed", "JOB001", "PAYROLL", "2024-09-23")
    assert (event.action, event.ticket, event.exit_code, event.reason) == (
        "created", "1001", 0, "the job has no incident ticket: create one")


def test_a_skip_is_recorded_with_its_reason_and_no_ticket_b_10_3():
    outcome = ReportOutcome(Action.SKIPPED_EXIT, make_event(), "tag NOTICKET matches the EXIT rule")

    event = history_event("report", make_event(), NOW, 0, outcome=outcome)

    assert (event.action, event.ticket, event.reason) == ("skipped-exit", "", "tag NOTICKET matches the EXIT rule")


def test_the_trigger_is_the_events_as_on_the_command_line_b_10_3():
    late = make_event(trigger=Trigger.LATE_TO_FINISH)

    event = history_event("report", late, NOW, 0, outcome=ReportOutcome(Action.UPDATED, late, "open", "1001"))

    assert event.trigger == "late-to-finish"


def test_a_failure_kept_for_retry_is_kept_with_the_ticket_it_already_has_b_10_3():
    kept = KeptEvent(4, make_event(), "basic.json", NOW, "1001", KeptState.PENDING, 1, "write-back failed")

    event = history_event("report", make_event(), NOW, 1, failure=KeptForRetry(kept, OpConError("HTTP 500")))

    assert (event.action, event.ticket, event.exit_code) == ("kept", "1001", 1)
    assert event.reason == "write-back failed; kept for retry as outbox entry 4 (pending)"


def test_any_other_failure_did_nothing_and_says_why_b_10_3():
    event = history_event("report", make_event(), NOW, 3, failure=SummitUnavailable("Summit is down"))

    assert (event.action, event.ticket, event.exit_code, event.reason) == ("nothing", "", 3, "Summit is down")


def test_an_unexpected_failure_is_named_by_its_type_only_b_6_3():
    event = history_event("report", make_event(), NOW, 3, failure=RuntimeError("token=secret"))

    assert event.reason == "unexpected RuntimeError"
