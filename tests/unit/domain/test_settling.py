"""B-15.2: an uncertain create is found in Summit's incident list by its correlation value, or by its Symptom,
Caller and Logged_Time; one match is adopted, none after settleSeconds is sent again once, the rest stay."""

from datetime import datetime, timedelta

from summit_connector.domain.incident import ListedIncident
from summit_connector.domain.settling import (
    LookedFor,
    SettleVerdict,
    Settling,
    correlation_value,
    decide_settlement,
)
from summit_connector.domain.template import Correlation

SENT = datetime(2024, 9, 21, 3, 0)
BY_SYMPTOM = LookedFor(SENT, None, "OpCon job JOB001 failed", "opcon@example.com")
BY_ID = LookedFor(SENT, ("OpCon", "Event ID", correlation_value("20240921|16|1|JOB001", 7)), "x", "y")
CORRELATION = Correlation("OpCon", "Event ID", settle_seconds=120)


def listed(ticket: str, symptom: str = "OpCon job JOB001 failed", caller: str = "opcon@example.com",
           logged: datetime | None = SENT, event_id: str = "") -> ListedIncident:
    fields = (("OpCon", "Event ID", event_id),) if event_id else ()
    return ListedIncident(ticket, symptom, caller, logged, "New", fields)


def test_one_incident_with_the_symptom_caller_and_a_late_enough_time_is_adopted():
    found = [listed("10001", logged=SENT - timedelta(minutes=4)), listed("9000", logged=SENT - timedelta(hours=1)),
             listed("9001", symptom="OpCon job JOB002 failed"), listed("9002", caller="other@example.com")]

    settlement = decide_settlement(BY_SYMPTOM, found, SENT, Correlation(), False)

    assert (settlement.verdict, settlement.ticket) == (SettleVerdict.ADOPT, "10001")


def test_the_correlation_value_decides_when_the_template_has_the_block():
    found = [listed("10001", event_id="20240921|16|1|JOB001#6"), listed("10002", event_id="20240921|16|1|JOB001#7")]

    settlement = decide_settlement(BY_ID, found, SENT, CORRELATION, False)

    assert (settlement.verdict, settlement.ticket) == (SettleVerdict.ADOPT, "10002")


def test_several_matches_stay_uncertain_and_name_them():
    settlement = decide_settlement(BY_SYMPTOM, [listed("10001"), listed("10002")], SENT, Correlation(), False)

    assert (settlement.verdict, settlement.settling, settlement.matches) == (
        SettleVerdict.STAY, Settling.SEVERAL, ("10001", "10002"))


def test_no_match_before_settle_seconds_waits_and_after_them_is_sent_again_once():
    soon = decide_settlement(BY_SYMPTOM, [], SENT + timedelta(seconds=120), CORRELATION, False)
    later = decide_settlement(BY_SYMPTOM, [], SENT + timedelta(seconds=121), CORRELATION, False)
    again = decide_settlement(BY_SYMPTOM, [], SENT + timedelta(hours=1), CORRELATION, True)

    assert (soon.verdict, soon.settling) == (SettleVerdict.STAY, Settling.TOO_SOON)
    assert (later.verdict, later.settling) == (SettleVerdict.RESEND, Settling.RESENT)
    assert (again.verdict, again.settling) == (SettleVerdict.STAY, Settling.RESENT)


def test_a_list_that_cannot_be_read_stays_uncertain():
    settlement = decide_settlement(BY_SYMPTOM, None, SENT + timedelta(hours=1), CORRELATION, False)

    assert (settlement.verdict, settlement.settling) == (SettleVerdict.STAY, Settling.UNREADABLE)
