"""Connector.config loading (B-2, B-6.2): defaults, synonyms, our additions, secrets and one-line errors."""

import base64
import os
from pathlib import Path

import pytest

from summit_connector.adapters.config.connector_file import load_connector_config
from summit_connector.application.errors import InvalidInput
from summit_connector.domain.findings import Severity

VENDOR_EXAMPLE = """\
[GENERAL]
JOBLOGDIR=joblogs
TEMPLATESDIR=templates
DAILY_START_HOUR=07
DEBUG=OFF

[DEFAULTS]
PRIORITY_NAME_VALUE=P3
IMPACT_NAME_VALUE=Medium
URGENCY_NAME_VALUE=Medium
SUP_FUNCTION_VALUE=IT
MEDIUM_VALUE=Web
CLASSIFICATION_NAME_VALUE=Application Support
SOURCE_VALUE=Event Trigger
CATEGORY_NAME_VALUE=ElasticSearch
ASSIGNED_WORK_GROUP_NAME_VALUE=DevOps

[PROXY SERVER]
USES_PROXY=False
SERVER=
PORT=

[OPCON API]
SERVER=BVHTEST02
PORT=9010
USES_TLS=True
TOKEN=fc0520dc-fc93-4d3a-bf2f-7d0584c69df2
"""
MINIMAL = "[OPCON API]\nADDRESS=opcon.example.com\nTOKEN=file-token\n"


def write_config(folder: Path, text: str = MINIMAL, extra: str = "") -> Path:
    path = folder / "Connector.config"
    path.write_text(text + extra, encoding="utf-8")
    return path


def load(folder: Path, text: str = MINIMAL, extra: str = "", environ: dict[str, str] | None = None):
    return load_connector_config(write_config(folder, text, extra), environ or {})


def error_of(folder: Path, text: str, environ: dict[str, str] | None = None) -> str:
    with pytest.raises(InvalidInput) as caught:
        load(folder, text, environ=environ)
    return str(caught.value)


def legacy_encrypted(plain: bytes) -> str:
    return "".join(f"{byte:02x}" for byte in base64.b64encode(plain))


def test_vendor_example_loads_with_server_as_address_b2_1(tmp_path):
    config = load(tmp_path, VENDOR_EXAMPLE)

    assert config.opcon.base_url == "https://BVHTEST02:9010"
    assert config.opcon.token == "fc0520dc-fc93-4d3a-bf2f-7d0584c69df2"
    assert config.daily_start_hour == 7
    assert config.debug is False
    assert config.proxy_url is None


def test_absent_vendor_keys_take_vendor_defaults_b2_2(tmp_path):
    config = load(tmp_path)

    assert config.joblog_dir == tmp_path / "joblogs"
    assert config.templates_dir == tmp_path / "templates"
    assert config.daily_start_hour == 0
    assert config.debug is False
    assert config.proxy_url is None
    assert {a.name: a.value for a in config.defaults} == {
        "Priority_Name": "P3", "Impact_Name": "Medium", "Urgency_Name": "Medium", "Sup_Function": "IT",
        "Medium": "Web", "Classification_Name": "Application Support", "Source": "Event Trigger",
        "Category_Name": "ElasticSearch", "Assigned_WorkGroup_Name": "DevOps",
    }


def test_every_defaults_key_sets_its_own_summit_field_b2_2(tmp_path):
    keys = {
        "PRIORITY_NAME_VALUE": "Priority_Name", "IMPACT_NAME_VALUE": "Impact_Name",
        "URGENCY_NAME_VALUE": "Urgency_Name", "SUP_FUNCTION_VALUE": "Sup_Function", "MEDIUM_VALUE": "Medium",
        "CLASSIFICATION_NAME_VALUE": "Classification_Name", "SOURCE_VALUE": "Source",
        "CATEGORY_NAME_VALUE": "Category_Name", "ASSIGNED_WORK_GROUP_NAME_VALUE": "Assigned_WorkGroup_Name",
    }
    section = "".join(f"{key}=value of {key}\n" for key in keys)

    config = load(tmp_path, extra=f"[DEFAULTS]\n{section}")

    assert {a.name: a.value for a in config.defaults} == {field: f"value of {key}" for key, field in keys.items()}


def test_defaults_section_keys_set_their_summit_fields_b2_2(tmp_path):
    config = load(tmp_path, extra="[DEFAULTS]\nCATEGORY_NAME_VALUE=Linux\nASSIGNED_WORK_GROUP_NAME_VALUE=Ops\n")

    values = {a.name: a.value for a in config.defaults}
    assert values["Category_Name"] == "Linux"
    assert values["Assigned_WorkGroup_Name"] == "Ops"
    assert values["Priority_Name"] == "P3"


def test_empty_values_count_as_absent_b2_2(tmp_path):
    config = load(tmp_path, extra="[GENERAL]\nJOBLOGDIR=\nDAILY_START_HOUR=\n")

    assert config.joblog_dir == tmp_path / "joblogs"
    assert config.daily_start_hour == 0


def test_our_additions_default_when_absent_b2_3(tmp_path):
    config = load(tmp_path)

    assert config.log_dir == tmp_path / "log"
    assert config.timezone is None
    assert config.http_timeout_seconds == 30.0
    assert config.opcon.timeout_seconds == 30.0
    assert config.max_joblog_bytes == 5 * 1024 * 1024
    assert config.opcon.verify_tls is True
    assert config.opcon.ca_bundle is None


def test_our_additions_are_read_b2_3(tmp_path):
    (tmp_path / "ca.pem").write_text("certificate")
    extra = (
        "[GENERAL]\nLOGDIR=logs\nTIMEZONE=Europe/Amsterdam\nHTTP_TIMEOUT=12.5\nMAX_JOBLOG_BYTES=100000\n"
        "[OPCON API]\nVERIFY_TLS=no\nCA_BUNDLE=ca.pem\n"
    )

    config = load(tmp_path, extra=extra)

    assert config.log_dir == tmp_path / "logs"
    assert config.timezone == "Europe/Amsterdam"
    assert config.http_timeout_seconds == 12.5
    assert config.opcon.timeout_seconds == 12.5
    assert config.max_joblog_bytes == 100000
    assert config.opcon.verify_tls is False
    assert config.opcon.ca_bundle == tmp_path / "ca.pem"
    assert config.report_policy().max_joblog_bytes == 100000


def test_relative_directories_are_relative_to_the_config_folder_not_the_cwd_b2_3(tmp_path, monkeypatch):
    install = tmp_path / "install"
    install.mkdir()
    monkeypatch.chdir(tmp_path)
    extra = f"[GENERAL]\nJOBLOGDIR=jl\nTEMPLATESDIR={tmp_path / 'shared'}\nLOGDIR=../logs\n"

    write_config(install, extra=extra)

    config = load_connector_config(Path("install/Connector.config"), {})

    assert config.path == install / "Connector.config"
    assert config.joblog_dir == install / "jl"
    assert config.templates_dir == tmp_path / "shared"
    assert config.log_dir == install / ".." / "logs"


def test_keys_and_section_names_are_case_insensitive_b2_1(tmp_path):
    text = "[opcon api]\nserver=opcon.example.com\nport=9010\ntoken=t\n[General]\nDaily_Start_Hour=5\ndebug=on\n"

    config = load(tmp_path, text)

    assert config.opcon.base_url == "https://opcon.example.com:9010"
    assert config.daily_start_hour == 5
    assert config.debug is True


@pytest.mark.parametrize("key", ["ADDRESS", "SERVER"])
def test_address_and_server_are_synonyms_in_opcon_and_proxy_sections_b2_1(tmp_path, key):
    text = (
        f"[OPCON API]\n{key}=opcon.example.com\nTOKEN=t\n"
        f"[PROXY SERVER]\nUSES_PROXY=True\n{key}=proxy.example.com\nPORT=3128\n"
    )

    config = load(tmp_path, text)

    assert config.opcon.base_url == "https://opcon.example.com:443"
    assert config.proxy_url == "http://proxy.example.com:3128"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("True", True),
        ("false", False),
        ("YES", True),
        ("no", False),
        ("On", True),
        ("OFF", False),
        ("1", True),
        ("0", False),
    ],
)
def test_booleans_accept_true_false_yes_no_on_off_one_zero_b2_1(tmp_path, written, expected):
    config = load(tmp_path, extra=f"[GENERAL]\nDEBUG={written}\n[OPCON API]\nVERIFY_TLS={written}\n")

    assert config.debug is expected
    assert config.opcon.verify_tls is expected


def test_uses_tls_false_gives_an_http_url_and_a_warning_b2_3(tmp_path):
    config = load(tmp_path, extra="[OPCON API]\nUSES_TLS=False\nPORT=9010\n")

    assert config.opcon.base_url == "http://opcon.example.com:9010"
    assert any("USES_TLS=False" in warning.line() for warning in config.warnings)


def test_address_may_carry_its_own_scheme_and_port_b2_1(tmp_path):
    config = load(tmp_path, "[OPCON API]\nADDRESS=http://lab.local:8181/\nPORT=9010\nTOKEN=t\n")

    assert config.opcon.base_url == "http://lab.local:8181"


def test_a_scheme_in_address_without_port_takes_port_b2_1(tmp_path):
    config = load(tmp_path, "[OPCON API]\nADDRESS=https://opcon.example.com\nPORT=9010\nTOKEN=t\n")

    assert config.opcon.base_url == "https://opcon.example.com:9010"


def test_proxy_keeps_a_given_scheme_b2_1(tmp_path):
    config = load(tmp_path, extra="[PROXY SERVER]\nUSES_PROXY=yes\nADDRESS=https://proxy.example.com:8443\n")

    assert config.proxy_url == "https://proxy.example.com:8443"


def test_proxy_address_is_ignored_while_uses_proxy_is_false_b2_2(tmp_path):
    config = load(tmp_path, extra="[PROXY SERVER]\nADDRESS=proxy.example.com\nPORT=3128\n")

    assert config.proxy_url is None


def test_token_from_environment_beats_dotenv_and_file_b2_4(tmp_path):
    (tmp_path / ".env").write_text("SUMMIT_CONNECTOR_OPCON_TOKEN=dotenv-token\n")

    config = load(tmp_path, environ={"SUMMIT_CONNECTOR_OPCON_TOKEN": "env-token"})

    assert config.opcon.token == "env-token"
    assert config.warnings == ()


def test_token_from_dotenv_beside_the_config_beats_the_file_b2_4(tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("SUMMIT_CONNECTOR_OPCON_TOKEN=dotenv-token\n")
    monkeypatch.delenv("SUMMIT_CONNECTOR_OPCON_TOKEN", raising=False)

    config = load(tmp_path)

    assert config.opcon.token == "dotenv-token"
    assert "SUMMIT_CONNECTOR_OPCON_TOKEN" not in os.environ


def test_token_missing_everywhere_is_an_error_b2_4(tmp_path):
    message = error_of(tmp_path, "[OPCON API]\nADDRESS=opcon.example.com\n")

    assert "[OPCON API] TOKEN: missing" in message
    assert "SUMMIT_CONNECTOR_OPCON_TOKEN" in message


def test_legacy_encrypted_token_is_revealed_without_warning_b6_2(tmp_path):
    config = load(tmp_path, f"[OPCON API]\nADDRESS=o\nTOKEN={legacy_encrypted(b'secret-token')}\n")

    assert config.opcon.token == "secret-token"
    assert config.warnings == ()


def test_enc_token_without_a_key_is_refused_without_showing_the_value_b6_1(tmp_path):
    message = error_of(tmp_path, "[OPCON API]\nADDRESS=o\nTOKEN=ENC:gAAAAsecretstuff\n")

    assert "[OPCON API] TOKEN" in message
    assert "needs its key" in message
    assert "secretstuff" not in message


def test_plain_token_in_the_file_is_accepted_with_a_warning_b6_2(tmp_path):
    config = load(tmp_path)

    assert config.opcon.token == "file-token"
    assert tuple(warning.line() for warning in config.warnings) == (
        f"{tmp_path / 'Connector.config'}: [OPCON API] TOKEN is plain text; "
        "encrypt it or move it to the environment or .env",
    )


def test_plain_token_warning_never_shows_the_token_b6_3(tmp_path):
    config = load(tmp_path)

    assert "file-token" not in " ".join(repr(warning) for warning in config.warnings)
    assert "file-token" not in repr(config)


def test_missing_file_is_an_error_naming_it_b1_4(tmp_path):
    with pytest.raises(InvalidInput, match=r"Connector\.config: file not found"):
        load_connector_config(tmp_path / "Connector.config", {})


def test_missing_opcon_address_is_an_error_b2_1(tmp_path):
    message = error_of(tmp_path, "[OPCON API]\nTOKEN=t\n")

    assert message.endswith("Connector.config: [OPCON API] ADDRESS: is required")


def test_port_that_is_not_a_number_is_an_error_naming_section_key_and_value_b1_4(tmp_path):
    message = error_of(tmp_path, MINIMAL + "PORT=abc\n")

    assert message.endswith("Connector.config: [OPCON API] PORT: must be a whole number, got 'abc'")


def test_an_error_carries_its_finding_and_its_line_is_the_finding_b1_4(tmp_path):
    with pytest.raises(InvalidInput) as caught:
        load(tmp_path, MINIMAL + "PORT=abc\n")

    finding = caught.value.finding
    assert (finding.file, finding.location, finding.severity) == (
        str(tmp_path / "Connector.config"), "[OPCON API] PORT", Severity.ERROR,
    )
    assert finding.message == "must be a whole number, got 'abc'"
    assert "run check again" in finding.hint
    assert str(caught.value) == finding.line()


def test_a_warning_is_a_finding_whose_line_reads_as_before_b2_3(tmp_path):
    config = load(tmp_path, MINIMAL + "USES_TLS=False\n", environ={"SUMMIT_CONNECTOR_OPCON_TOKEN": "env-token"})

    [warning] = config.warnings
    assert (warning.location, warning.severity) == ("[OPCON API]", Severity.WARNING)
    assert warning.line() == (
        f"{tmp_path / 'Connector.config'}: [OPCON API] uses plain http (USES_TLS=False or an http:// ADDRESS): "
        "the token travels unencrypted"
    )


def test_a_token_refused_from_the_environment_names_the_variable_not_the_file_b2_4(tmp_path):
    with pytest.raises(InvalidInput) as caught:
        load(tmp_path, environ={"SUMMIT_CONNECTOR_OPCON_TOKEN": "ENC:gAAAAsecret"})

    finding = caught.value.finding
    assert (finding.file, finding.location) == ("environment", "SUMMIT_CONNECTOR_OPCON_TOKEN")
    assert "needs its key" in finding.message and "secret" not in finding.message


def test_daily_start_hour_25_is_an_error_b2_1(tmp_path):
    message = error_of(tmp_path, MINIMAL + "[GENERAL]\nDAILY_START_HOUR=25\n")

    assert message.endswith("[GENERAL] DAILY_START_HOUR: must be at most 23, got '25'")


def test_unknown_timezone_is_an_error_b2_3(tmp_path):
    message = error_of(tmp_path, MINIMAL + "[GENERAL]\nTIMEZONE=Mars/Olympus\n")

    assert "[GENERAL] TIMEZONE: must be an IANA time zone name" in message
    assert "'Mars/Olympus'" in message


def test_http_timeout_must_be_positive_b2_3(tmp_path):
    message = error_of(tmp_path, MINIMAL + "[GENERAL]\nHTTP_TIMEOUT=0\n")

    assert "[GENERAL] HTTP_TIMEOUT: must be greater than 0, got '0'" in message


def test_joblog_limit_leaves_room_for_head_tail_and_marker_b2_3(tmp_path):
    message = error_of(tmp_path, MINIMAL + "[GENERAL]\nMAX_JOBLOG_BYTES=100\n")

    assert "[GENERAL] MAX_JOBLOG_BYTES: must be at least 1024, got '100'" in message


def test_boolean_that_is_not_one_is_an_error_b2_1(tmp_path):
    message = error_of(tmp_path, MINIMAL + "USES_TLS=maybe\n")

    assert "[OPCON API] USES_TLS: must be True/False, yes/no, on/off or 1/0, got 'maybe'" in message


def test_uses_proxy_without_address_is_an_error_b2_1(tmp_path):
    message = error_of(tmp_path, MINIMAL + "[PROXY SERVER]\nUSES_PROXY=True\nSERVER=\n")

    assert "[PROXY SERVER] ADDRESS: is required when USES_PROXY is True" in message


def test_missing_ca_bundle_is_an_error_b2_3(tmp_path):
    message = error_of(tmp_path, MINIMAL + "CA_BUNDLE=missing.pem\n")

    assert "[OPCON API] CA_BUNDLE: file not found, got 'missing.pem'" in message


def test_text_that_is_not_ini_is_an_error_naming_the_file_b1_4(tmp_path):
    message = error_of(tmp_path, "ADDRESS=opcon.example.com\n")

    assert "Connector.config: cannot be read" in message


def test_bad_address_is_an_error_b2_1(tmp_path):
    message = error_of(tmp_path, "[OPCON API]\nADDRESS=ftp://opcon\nTOKEN=t\n")

    assert "[OPCON API] ADDRESS: must be a host name or an http(s) URL, got 'ftp://opcon'" in message


def test_a_utf8_byte_order_mark_from_windows_notepad_is_accepted_b2_1(tmp_path):
    path = tmp_path / "Connector.config"
    path.write_bytes(b"\xef\xbb\xbf" + VENDOR_EXAMPLE.encode())

    config = load_connector_config(path, {})

    assert config.opcon.base_url == "https://BVHTEST02:9010"


def test_a_token_that_cannot_travel_in_a_header_is_refused_without_showing_it_b6_3(tmp_path):
    message = error_of(tmp_path, MINIMAL.replace("TOKEN=file-token", "TOKEN=s\u00e4ndbox-token"))

    assert "TOKEN" in message and "printable ASCII" in message and "ndbox" not in message


def test_a_proxy_password_is_not_shown_in_an_error_b6_3(tmp_path):
    message = error_of(tmp_path, MINIMAL + "[PROXY SERVER]\nUSES_PROXY=True\nADDRESS=http://user:ProxyPw@proxy:abc\n")

    assert "ProxyPw" not in message and "***" in message


def test_an_opcon_address_with_a_space_is_an_error_b2_1(tmp_path):
    message = error_of(tmp_path, MINIMAL.replace("ADDRESS=opcon.example.com", "ADDRESS=opcon host"))

    assert "[OPCON API] ADDRESS" in message


def test_a_dotenv_file_that_is_not_utf8_is_named_in_one_line_b2_4(tmp_path):
    (tmp_path / ".env").write_bytes("SUMMIT_CONNECTOR_OPCON_TOKEN=x".encode("utf-16"))

    message = error_of(tmp_path, MINIMAL)

    assert ".env" in message and "UTF-8" in message


def test_the_proxy_is_for_summit_not_for_the_opcon_api_on_the_local_network_b2_1(tmp_path):
    config = load(tmp_path, extra="[PROXY SERVER]\nUSES_PROXY=True\nADDRESS=proxy.example.com\nPORT=3128\n")

    assert config.proxy_url == "http://proxy.example.com:3128"
    assert not hasattr(config.opcon, "proxy_url")
