"""[GENERAL] STATEDIR and HISTORY_DAYS (B-10.1, B-10.3): defaults, relative folders, one-line errors."""

import pytest

from summit_connector.adapters.config.connector_file import load_connector_config
from summit_connector.application.errors import InvalidInput


def write(folder, general: str = ""):
    path = folder / "Connector.config"
    path.write_text(f"[GENERAL]\n{general}\n[OPCON API]\nADDRESS=opcon.example.com\nTOKEN=t\n")
    return path


def test_by_default_state_lives_beside_connector_config_and_history_keeps_90_days(tmp_path):
    config = load_connector_config(write(tmp_path), {})

    assert (config.state_dir, config.history_days) == (tmp_path, 90)


def test_statedir_is_relative_to_the_folder_holding_connector_config(tmp_path):
    config = load_connector_config(write(tmp_path, "STATEDIR=state\nHISTORY_DAYS=30"), {})

    assert (config.state_dir, config.history_days) == (tmp_path / "state", 30)


def test_history_days_below_one_names_the_key_and_value(tmp_path):
    with pytest.raises(InvalidInput, match=r"\[GENERAL\] HISTORY_DAYS"):
        load_connector_config(write(tmp_path, "HISTORY_DAYS=0"), {})


def test_the_new_keys_are_known_so_check_does_not_call_them_unknown(tmp_path):
    config = load_connector_config(write(tmp_path, "STATEDIR=state\nHISTORY_DAYS=30"), {})

    assert config.unknown_keys == ()
