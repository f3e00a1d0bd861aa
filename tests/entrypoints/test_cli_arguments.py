"""The vendor command line (B-1.1 – B-1.4): flags, dates, exit 2 on bad input, never a traceback."""

import pytest

from summit_connector import __version__
from summit_connector.entrypoints.arguments import ArgumentError, parse_schedule_date
from summit_connector.entrypoints.command_line import with_default_command
from summit_connector.entrypoints.exit_codes import ExitCode

from tests.entrypoints.cli_harness import VENDOR_ARGS, run_cli, with_flag, write_config, write_template


def test_help_lists_every_vendor_flag():
    result = run_cli(["report", "--help"])

    assert result.code == ExitCode.OK
    for flag in ("-a", "-s", "-jn", "-e", "-sd", "-si", "-sn", "-t", "--config"):
        assert flag in result.stdout


def test_top_level_help_shows_the_vendor_command_line_and_flags():
    result = run_cli(["--help"])

    assert result.code == ExitCode.OK
    assert "Bare vendor arguments" in result.stdout and "[[$SCHEDULE DATE-SSUM]]" in result.stdout
    for flag in ("-a/--agent", "-jn/--job", "-sd/--schedule-date", "-si/--schedule-id", "-sn/--schedule-instance"):
        assert flag in result.stdout


def test_version_prints_the_package_version():
    result = run_cli(["--version"])

    assert result.code == ExitCode.OK
    assert result.stdout.strip() == f"summit-connector {__version__}"


def test_bare_vendor_arguments_mean_report_b_1_1():
    assert with_default_command(VENDOR_ARGS) == ["report", *VENDOR_ARGS]


def test_config_flag_may_precede_the_implicit_report_b_1_2():
    assert with_default_command(["-c", "X.config", *VENDOR_ARGS]) == ["-c", "X.config", "report", *VENDOR_ARGS]


def test_explicit_report_is_left_alone_b_1_1():
    assert with_default_command(["report", *VENDOR_ARGS]) == ["report", *VENDOR_ARGS]


@pytest.mark.parametrize("text", ["2024-09-21", "20240921", "21-Sep-2024", "21-SEP-2024", "21-sep-2024"])
def test_schedule_date_accepts_ssum_compact_and_opcon_default_formats_b_1_3(text):
    assert parse_schedule_date(text).isoformat() == "2024-09-21"


@pytest.mark.parametrize("text", ["2024-13-01", "21/09/2024", "yesterday", "31-Feb-2024", ""])
def test_schedule_date_rejects_anything_else_naming_the_flag_b_1_3(text):
    with pytest.raises(ArgumentError, match="-sd/--schedule-date"):
        parse_schedule_date(text)


def test_bad_schedule_date_exits_2_with_one_line_naming_flag_and_value(tmp_path):
    result = run_cli(with_flag(VENDOR_ARGS, "-sd", "2024/09/21"), {"SUMMIT_CONNECTOR_CONFIG": str(tmp_path / "x")})

    assert result.code == ExitCode.INVALID_INPUT
    assert result.stderr.count("\n") == 1
    assert "-sd/--schedule-date" in result.stderr and "'2024/09/21'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("flag", ["-si", "-sn"])
def test_schedule_id_and_instance_must_be_integers_b_1_3(flag):
    result = run_cli(with_flag(VENDOR_ARGS, flag, "sixteen"))

    assert result.code == ExitCode.INVALID_INPUT
    assert "must be an integer, got 'sixteen'" in result.stderr


def test_missing_required_flag_exits_2_naming_it():
    args = VENDOR_ARGS[:VENDOR_ARGS.index("-t")]

    result = run_cli(args)

    assert result.code == ExitCode.INVALID_INPUT
    assert "-t/--template" in result.stderr


def test_unknown_flag_exits_2():
    result = run_cli([*VENDOR_ARGS, "--frobnicate"])

    assert result.code == ExitCode.INVALID_INPUT
    assert "--frobnicate" in result.stderr


def test_unknown_template_exits_2_naming_the_template(tmp_path):
    config = write_config(tmp_path)

    result = run_cli(["-c", str(config), *with_flag(VENDOR_ARGS, "-t", "nosuch")])

    assert result.code == ExitCode.INVALID_INPUT
    assert "nosuch" in result.stderr and "Traceback" not in result.stderr


def test_malformed_template_exits_2_naming_the_file(tmp_path):
    config = write_config(tmp_path)
    (tmp_path / "templates" / "basic.json").write_text('{"address": {"value": "x"},')

    result = run_cli(["-c", str(config), *VENDOR_ARGS])

    assert result.code == ExitCode.INVALID_INPUT
    assert "basic.json" in result.stderr and "Traceback" not in result.stderr


def test_missing_config_file_exits_2_naming_it(tmp_path):
    result = run_cli(["-c", str(tmp_path / "Missing.config"), *VENDOR_ARGS])

    assert result.code == ExitCode.INVALID_INPUT
    assert "Missing.config" in result.stderr


def test_config_flag_works_after_the_subcommand_b_1_2(tmp_path):
    config = write_config(tmp_path, opcon_section="ADDRESS=127.0.0.1\nPORT=abc\nTOKEN=t")

    result = run_cli(["report", *VENDOR_ARGS, "-c", str(config)])

    assert result.code == ExitCode.INVALID_INPUT
    assert "PORT" in result.stderr and "'abc'" in result.stderr


def test_config_path_comes_from_the_environment_when_no_flag_b_1_2(tmp_path):
    config = write_config(tmp_path, general="DAILY_START_HOUR=25")
    write_template(tmp_path)

    result = run_cli(VENDOR_ARGS, {"SUMMIT_CONNECTOR_CONFIG": str(config)})

    assert result.code == ExitCode.INVALID_INPUT
    assert "DAILY_START_HOUR" in result.stderr and "25" in result.stderr


def test_bad_now_override_exits_2_b_1_5(tmp_path):
    config = write_config(tmp_path)
    write_template(tmp_path)

    result = run_cli(["-c", str(config), *VENDOR_ARGS], {"SUMMIT_CONNECTOR_NOW": "soon"})

    assert result.code == ExitCode.INVALID_INPUT
    assert "SUMMIT_CONNECTOR_NOW" in result.stderr and "'soon'" in result.stderr


@pytest.mark.parametrize("section", ["address", "credentials", "rules"])
def test_template_without_a_required_section_exits_2_naming_it_b_3_2(tmp_path, section):
    config = write_config(tmp_path)
    template = write_template(tmp_path)
    template.write_text(template.read_text().replace(f'"{section}"', '"renamed"'))

    result = run_cli(["-c", str(config), *VENDOR_ARGS])

    assert result.code == ExitCode.INVALID_INPUT
    assert "basic.json" in result.stderr and section in result.stderr and "Traceback" not in result.stderr


def test_template_with_a_bad_hhmm_exits_2_naming_day_and_value_b_4_8(tmp_path):
    config = write_config(tmp_path)
    write_template(tmp_path, workingHours={"monday": {"start": "0800", "stop": "2460"}})

    result = run_cli(["-c", str(config), *VENDOR_ARGS])

    assert result.code == ExitCode.INVALID_INPUT
    assert "workingHours.monday.stop" in result.stderr and "2460" in result.stderr
