"""B-13.2: which silence matches a failure: `*` globs, case-sensitive, a whole tag, every matcher, until `ends`."""

from datetime import datetime, timedelta

import pytest

from summit_connector.domain.model import Trigger
from summit_connector.domain.silences import Silence, matching_silence

from tests.unit.factories import make_event

NOW = datetime(2024, 9, 21, 3, 0)
EVENT = make_event(job="PAYROLL_EXTRACT", schedule="Nightly Batch$0002", agent="UNIXAGENT01")


def make_silence(silence_id: int = 1, job: str = "", schedule: str = "", agent: str = "", tag: str = "",
                 starts: datetime = NOW - timedelta(hours=1), ends: datetime = NOW + timedelta(hours=1)) -> Silence:
    return Silence(silence_id, job, schedule, agent, tag, starts, ends, "patch night", "ann")


@pytest.mark.parametrize("pattern", ["PAYROLL_EXTRACT", "PAYROLL_*", "*EXTRACT", "*", "PAY*_EXT*"])
def test_a_job_pattern_is_the_exact_name_or_a_star_glob(pattern):
    assert make_silence(job=pattern).matches(EVENT, ())


@pytest.mark.parametrize("pattern", ["PAYROLL", "payroll_*", "PAYROLL_EXTRACT_2", "*X"])
def test_a_job_pattern_is_case_sensitive_and_matches_the_whole_name(pattern):
    assert not make_silence(job=pattern).matches(EVENT, ())


def test_schedule_and_agent_patterns_match_their_own_names():
    assert make_silence(schedule="Nightly Batch$*").matches(EVENT, ())
    assert make_silence(agent="UNIX*").matches(EVENT, ())
    assert not make_silence(schedule="PAYROLL_*").matches(EVENT, ())


def test_a_tag_matches_one_whole_job_tag_globs_allowed():
    assert make_silence(tag="APP1").matches(EVENT, ("APP1_ROUTE1", "APP1"))
    assert make_silence(tag="APP1_*").matches(EVENT, ("APP1_ROUTE1",))
    assert not make_silence(tag="APP1").matches(EVENT, ("APP1_ROUTE1", "XAPP1"))
    assert not make_silence(tag="APP1").matches(EVENT, ())


def test_every_given_matcher_must_match():
    assert make_silence(job="PAYROLL_*", agent="UNIX*", tag="APP1").matches(EVENT, ("APP1",))
    assert not make_silence(job="PAYROLL_*", agent="WIN*").matches(EVENT, ())
    assert not make_silence(job="PAYROLL_*", tag="APP1").matches(EVENT, ("APP2",))


def test_a_silence_is_active_from_its_start_until_just_before_its_end():
    silence = make_silence(starts=NOW, ends=NOW + timedelta(hours=2))

    assert [silence.active(moment) for moment in (NOW - timedelta(seconds=1), NOW, NOW + timedelta(hours=2))] == [
        False, True, False]


def test_an_expired_silence_matches_nothing():
    expired = make_silence(job="*", ends=NOW)

    assert matching_silence([expired], EVENT, (), NOW) is None


def test_the_first_active_matching_silence_by_id_is_the_one():
    silences = [make_silence(3, job="*"), make_silence(2, agent="WIN*"), make_silence(1, job="*", ends=NOW),
                make_silence(4, job="PAYROLL_*")]

    assert matching_silence(silences, EVENT, (), NOW).id == 3


@pytest.mark.parametrize("trigger", [Trigger.LATE_TO_START, Trigger.LATE_TO_FINISH, Trigger.EXCEEDED_MAX_RUNTIME,
                                     Trigger.MISSED_START_TIME])
def test_an_sla_trigger_is_silenced_like_a_failure(trigger):
    assert matching_silence([make_silence(job="*")], make_event(trigger=trigger), (), NOW) is not None


@pytest.mark.parametrize("trigger", [Trigger.FINISHED_OK, Trigger.MARKED_FINISHED_OK, Trigger.FIXED])
def test_a_recovery_is_never_silenced(trigger):
    assert matching_silence([make_silence(job="*")], make_event(trigger=trigger), (), NOW) is None
