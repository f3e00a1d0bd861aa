"""`-tr/--trigger` (B-11): each command takes its own triggers; a wrong name is one line and exit 2."""

import pytest

from summit_connector.domain.model import Trigger
from summit_connector.entrypoints.arguments import build_parser, failure_event
from summit_connector.entrypoints.command_line import with_default_command
from summit_connector.entrypoints.exit_codes import ExitCode

from tests.entrypoints.cli_harness import VENDOR_ARGS, run_cli


def event_of(*argv: str):
    return failure_event(build_parser().parse_args(with_default_command(list(argv))))


def test_a_plain_report_is_a_job_failed_b_11_1():
    assert event_of(*VENDOR_ARGS).trigger is Trigger.FAILED


@pytest.mark.parametrize("flag", ["-tr", "--trigger"])
def test_report_takes_an_sla_trigger_in_either_case_b_11_1(flag):
    assert event_of(*VENDOR_ARGS, flag, "Late-To-Finish").trigger is Trigger.LATE_TO_FINISH


def test_recover_defaults_to_finished_ok_and_takes_the_recovery_triggers_b_11_2():
    assert event_of("recover", *VENDOR_ARGS).trigger is Trigger.FINISHED_OK
    assert event_of("recover", *VENDOR_ARGS, "-tr", "marked-finished-ok").trigger is Trigger.MARKED_FINISHED_OK


@pytest.mark.parametrize("trigger", list(Trigger))
def test_explain_takes_every_trigger_b_7(trigger):
    assert event_of("explain", *VENDOR_ARGS, "-tr", trigger.value).trigger is trigger


@pytest.mark.parametrize(("argv", "said"), [
    ([*VENDOR_ARGS, "-tr", "late"], "must be one of failed, late-to-start, late-to-finish, exceeded-max-runtime, "
                                    "missed-start-time, got 'late'"),
    ([*VENDOR_ARGS, "-tr", "fixed"], "(a recovery is `summit-connector recover`), got 'fixed'"),
    (["recover", *VENDOR_ARGS, "-tr", "failed"], "must be one of finished-ok, marked-finished-ok, fixed, got 'failed'"),
])
def test_a_trigger_the_command_does_not_take_exits_2_with_one_line_b_11(argv, said):
    result = run_cli(argv)

    assert result.code == ExitCode.INVALID_INPUT
    [line] = result.stderr.splitlines()
    assert line.startswith("summit-connector: error: -tr/--trigger: ") and line.endswith(said)
