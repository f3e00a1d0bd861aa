"""`summit-connector encrypt -v VALUE` (B-6.1): one ENC: line; the key file beside Connector.config, owner-only."""

import os
import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from summit_connector.adapters.config.secrets import reveal

from tests.entrypoints.cli_harness import run_cli


def encrypt_in(folder: Path, value: str = "s3cret-value", environ: dict[str, str] | None = None):
    return run_cli(["encrypt", "-v", value, "-c", str(folder / "Connector.config")], environ)


def test_prints_one_enc_line_and_nothing_else_b6_1(tmp_path):
    result = encrypt_in(tmp_path)

    assert result.code == 0
    assert result.stdout.startswith("ENC:") and result.stdout.count("\n") == 1
    assert reveal(result.stdout.strip(), {}, tmp_path / "Connector.config") == "s3cret-value"
    assert "s3cret-value" not in result.stdout + result.stderr


def test_first_use_creates_the_key_file_beside_the_config_and_says_so_b6_1(tmp_path):
    result = encrypt_in(tmp_path)

    key_file = tmp_path / "Connector.key"
    Fernet(key_file.read_bytes().strip())
    assert f"created the key file {key_file}" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "Connector.config").exists()


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_the_key_file_is_owner_only_b6_1(tmp_path):
    encrypt_in(tmp_path)

    assert stat.S_IMODE((tmp_path / "Connector.key").stat().st_mode) == 0o600


def test_second_use_reuses_the_key_file_silently_b6_1(tmp_path):
    first = encrypt_in(tmp_path, "first")
    key = (tmp_path / "Connector.key").read_bytes()

    second = encrypt_in(tmp_path, "second")

    assert second.stderr == ""
    assert (tmp_path / "Connector.key").read_bytes() == key
    config = tmp_path / "Connector.config"
    assert [reveal(run.stdout.strip(), {}, config) for run in (first, second)] == ["first", "second"]


def test_the_environment_key_is_used_and_no_key_file_is_written_b6_1(tmp_path):
    environ = {"SUMMIT_CONNECTOR_KEY": Fernet.generate_key().decode()}

    result = encrypt_in(tmp_path, environ=environ)

    assert result.code == 0 and result.stderr == ""
    assert not (tmp_path / "Connector.key").exists()
    assert reveal(result.stdout.strip(), environ, tmp_path / "Connector.config") == "s3cret-value"


def test_without_c_the_key_goes_beside_summit_connector_config_b1_2_b6_1(tmp_path):
    environ = {"SUMMIT_CONNECTOR_CONFIG": str(tmp_path / "Connector.config")}

    result = run_cli(["encrypt", "-v", "x"], environ)

    assert result.code == 0
    assert (tmp_path / "Connector.key").exists()


def test_a_config_folder_that_does_not_exist_is_one_line_exit_2_b1_4(tmp_path):
    result = encrypt_in(tmp_path / "missing")

    assert result.code == 2
    assert result.stdout == "" and result.stderr.count("\n") == 1
    assert str(tmp_path / "missing") in result.stderr and "Traceback" not in result.stderr


def test_a_bad_environment_key_is_one_line_exit_2_b6_1(tmp_path):
    result = encrypt_in(tmp_path, environ={"SUMMIT_CONNECTOR_KEY": "not-a-key"})

    assert result.code == 2
    assert "SUMMIT_CONNECTOR_KEY is not a Fernet key" in result.stderr and "not-a-key" not in result.stderr
