"""Which Connector.config is read (B-1.2), and usage errors that name no command (B-1.4)."""

from summit_connector.entrypoints.exit_codes import ExitCode

from tests.entrypoints.cli_harness import VENDOR_ARGS, run_cli, write_config


def test_connector_config_in_the_working_directory_is_the_default_b_1_2(tmp_path, monkeypatch):
    write_config(tmp_path, general="DAILY_START_HOUR=25")
    monkeypatch.chdir(tmp_path)

    result = run_cli(VENDOR_ARGS)

    assert result.code == ExitCode.INVALID_INPUT
    assert "Connector.config" in result.stderr and "DAILY_START_HOUR" in result.stderr


def test_the_config_flag_beats_the_environment_variable_b_1_2(tmp_path):
    (tmp_path / "env").mkdir()
    (tmp_path / "flag").mkdir()
    from_env = write_config(tmp_path / "env", general="DAILY_START_HOUR=25")
    from_flag = write_config(tmp_path / "flag", opcon_section="ADDRESS=127.0.0.1\nPORT=abc\nTOKEN=t")

    result = run_cli(["-c", str(from_flag), *VENDOR_ARGS], {"SUMMIT_CONNECTOR_CONFIG": str(from_env)})

    assert "PORT" in result.stderr and "DAILY_START_HOUR" not in result.stderr


def test_a_config_flag_alone_is_a_usage_error_not_a_traceback_b_1_4(tmp_path):
    result = run_cli(["-c", str(tmp_path / "Connector.config")])

    assert result.code == ExitCode.INVALID_INPUT
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_the_config_flag_may_precede_a_named_command_b_1_2(tmp_path):
    config = write_config(tmp_path)

    result = run_cli(["-c", str(config), "outbox"])

    assert result.code == ExitCode.OK
    assert "outbox is empty" in result.stdout
