"""`summit-connector sync [--once] [--interval SECONDS]` in-process (B-12.2): flags, exit codes, Ctrl-C."""

import argparse
import io

import pytest

from summit_connector.entrypoints.commands import sync as sync_command
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.invocation import Invocation

from tests.entrypoints.cli_harness import run_cli, write_config


def test_once_with_nothing_journaled_says_so_and_exits_0_b_12_2(tmp_path):
    config = write_config(tmp_path)

    result = run_cli(["sync", "-c", str(config), "--once"])

    assert result.code == ExitCode.OK, result.stderr
    assert result.stdout.strip() == "Nothing to sync: no incident is tracked."


@pytest.mark.parametrize("interval", ["0", "-5", "soon", "nan"])
def test_an_interval_that_is_not_a_positive_number_is_invalid_input_b_12_1(tmp_path, interval):
    result = run_cli(["sync", "-c", str(write_config(tmp_path)), "--interval", interval])

    assert result.code == ExitCode.INVALID_INPUT
    assert "--interval" in result.stderr and "Traceback" not in result.stderr


def test_without_once_passes_repeat_every_interval_until_ctrl_c_which_exits_0_b_12_2(tmp_path):
    pauses: list[float] = []

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 3:
            raise KeyboardInterrupt

    args = argparse.Namespace(config=str(write_config(tmp_path)), once=False, interval=0.5)
    stdout, stderr = io.StringIO(), io.StringIO()

    code = sync_command.run(Invocation(args, stdout, stderr, {}), sleep=sleep)

    assert code == ExitCode.OK
    assert pauses == [0.5, 0.5, 0.5]
    assert stdout.getvalue().count("Nothing to sync") == 3
    assert stderr.getvalue().strip() == "summit-connector: sync stopped"


def test_sync_is_listed_in_the_help():
    assert "sync" in run_cli(["--help"]).stdout
