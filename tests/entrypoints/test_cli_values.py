"""Names with spaces, `$` and brackets, negative termination codes (B-1.3)."""

import argparse

from summit_connector.entrypoints.arguments import build_parser, failure_event

from tests.entrypoints.cli_harness import VENDOR_ARGS, with_flag


def parse(argv: list[str]) -> argparse.Namespace:
    return build_parser().parse_args(["report", *argv])


def test_unquoted_multi_word_names_are_joined_with_spaces():
    args = with_flag(VENDOR_ARGS, "-s", "MY")
    args.insert(args.index("-s") + 2, "SCHEDULE")

    event = failure_event(parse(args))

    assert event.schedule == "MY SCHEDULE"


def test_names_keep_dollar_and_brackets():
    args = with_flag(with_flag(VENDOR_ARGS, "-s", "Parent_Job[Sub]"), "-jn", "Name$0002")

    event = failure_event(parse(args))

    assert (event.schedule, event.job) == ("Parent_Job[Sub]", "Name$0002")


def test_negative_windows_termination_code_is_a_value():
    event = failure_event(parse(with_flag(VENDOR_ARGS, "-e", "-1073741819")))

    assert event.termination == "-1073741819"


def test_agent_may_be_not_applicable():
    event = failure_event(parse(with_flag(VENDOR_ARGS, "-a", "N/A")))

    assert event.agent == "N/A"


def test_long_forms_are_accepted():
    long_args = [
        "--agent", "A", "--schedule", "S", "--job", "J", "--termination", "1", "--schedule-date", "20240921",
        "--schedule-id", "7", "--schedule-instance", "2", "--template", "t",
    ]

    event = failure_event(parse(long_args))

    assert (event.schedule_id, event.schedule_instance, event.schedule_date.day) == (7, 2, 21)
