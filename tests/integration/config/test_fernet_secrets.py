"""`ENC:` values (B-6.1): decrypted with SUMMIT_CONNECTOR_KEY or Connector.key; legacy and plain values still work."""

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from summit_connector.adapters.config.connector_file import load_connector_config
from summit_connector.adapters.config.secrets import KEY_ENV, SecretKey, encrypt, obtain_key
from summit_connector.adapters.config.template_file import load_template
from summit_connector.application.errors import InvalidInput

TOKEN_FIELD = "[OPCON API] TOKEN"


def write_config(folder: Path, token: str) -> Path:
    path = folder / "Connector.config"
    path.write_text(f"[GENERAL]\nTEMPLATESDIR=templates\n[OPCON API]\nADDRESS=opcon.example.com\nTOKEN={token}\n")
    return path


def key_file_key(folder: Path) -> SecretKey:
    key, _ = obtain_key({}, folder / "Connector.config")
    return key


def other_key() -> SecretKey:
    return SecretKey(Fernet.generate_key(), "test")


def load(folder: Path, token: str, environ: dict[str, str] | None = None):
    return load_connector_config(write_config(folder, token), environ or {})


def error_of(folder: Path, token: str, environ: dict[str, str] | None = None) -> str:
    with pytest.raises(InvalidInput) as caught:
        load(folder, token, environ)
    return str(caught.value)


def test_enc_token_round_trips_through_the_key_file_without_a_plain_text_warning_b6_1(tmp_path):
    token = encrypt("opcon-secret-token", key_file_key(tmp_path))

    config = load(tmp_path, token)

    assert token.startswith("ENC:")
    assert config.opcon.token == "opcon-secret-token"
    assert config.warnings == ()


def test_enc_api_key_in_a_template_round_trips_b6_1(tmp_path):
    config = load(tmp_path, encrypt("opcon-secret-token", key_file_key(tmp_path)))
    template = {
        "ticketDescription": "d",
        "ticketInformation": "i",
        "address": {"name": "s", "value": "summit.example.com"},
        "credentials": {"apiKey": encrypt("summit-api-key", key_file_key(tmp_path))},
        "rules": {},
    }
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "site.json").write_text(json.dumps(template))

    loaded = load_template("site", config, {})

    assert loaded.summit.api_key == "summit-api-key"
    assert loaded.warnings == ()


def test_environment_key_beats_the_key_file_b6_1(tmp_path):
    file_key, env_key = key_file_key(tmp_path), other_key()
    environ = {KEY_ENV: env_key.value.decode()}

    config = load(tmp_path, encrypt("from-env-key", env_key), environ)
    message = error_of(tmp_path, encrypt("from-file-key", file_key), environ)

    assert config.opcon.token == "from-env-key"
    assert f"cannot be decrypted with the key in environment variable {KEY_ENV}" in message


def test_enc_token_from_the_environment_is_decrypted_too_b2_4_b6_1(tmp_path):
    environ = {"SUMMIT_CONNECTOR_OPCON_TOKEN": encrypt("env-token", key_file_key(tmp_path))}

    config = load(tmp_path, "file-token", environ)

    assert config.opcon.token == "env-token"


def test_missing_key_file_is_one_line_naming_file_field_and_remedy_b6_1(tmp_path):
    token = encrypt("opcon-secret-token", other_key())

    message = error_of(tmp_path, token)

    assert message.startswith(f"{tmp_path / 'Connector.config'}: {TOKEN_FIELD}: ")
    assert KEY_ENV in message and str(tmp_path / "Connector.key") in message
    assert "\n" not in message and "opcon-secret-token" not in message


def test_wrong_key_is_named_and_nothing_secret_is_shown_b6_1_b6_3(tmp_path):
    file_key = key_file_key(tmp_path)
    token = encrypt("opcon-secret-token", other_key())

    message = error_of(tmp_path, token)

    assert f"{TOKEN_FIELD}: cannot be decrypted with the key in {tmp_path / 'Connector.key'}" in message
    assert "opcon-secret-token" not in message and file_key.value.decode() not in message
    assert token.removeprefix("ENC:") not in message


@pytest.mark.parametrize(
    "damage",
    [lambda t: t[:-20], lambda t: t[:30], lambda t: t[:-2], lambda t: t + "é"],
    ids=["tail-cut", "head-only", "padding-cut", "non-ascii"],
)
def test_damaged_token_says_to_encrypt_again_b6_1(tmp_path, damage):
    token = encrypt("opcon-secret-token", key_file_key(tmp_path))

    message = error_of(tmp_path, damage(token))

    assert f"{TOKEN_FIELD}: is not a whole ENC: value" in message
    assert "summit-connector encrypt" in message


def test_altered_token_cannot_be_decrypted_b6_1(tmp_path):
    token = encrypt("opcon-secret-token", key_file_key(tmp_path))
    raw = bytearray(base64.urlsafe_b64decode(token.removeprefix("ENC:")))
    raw[40] ^= 1

    message = error_of(tmp_path, "ENC:" + base64.urlsafe_b64encode(bytes(raw)).decode())

    assert f"{TOKEN_FIELD}: cannot be decrypted" in message


def test_a_key_that_is_not_a_fernet_key_is_named_b6_1(tmp_path):
    (tmp_path / "Connector.key").write_text("not-a-key\n")

    message = error_of(tmp_path, "ENC:gAAAAABtoken")

    assert f"{TOKEN_FIELD}: the key in {tmp_path / 'Connector.key'} is not a Fernet key" in message
    assert "not-a-key" not in message


def test_legacy_and_plain_values_are_still_accepted_without_any_key_b6_2(tmp_path):
    legacy = "".join(f"{byte:02x}" for byte in base64.b64encode(b"legacy-token"))

    legacy_config = load(tmp_path, legacy)
    plain_config = load(tmp_path, "plain-token")

    assert legacy_config.opcon.token == "legacy-token" and legacy_config.warnings == ()
    assert plain_config.opcon.token == "plain-token"
    assert "plain text" in plain_config.warnings[0].line()
    assert not (tmp_path / "Connector.key").exists()


def test_cryptography_is_imported_only_for_enc_values(tmp_path):
    path = write_config(tmp_path, "plain-token")
    script = (
        "import sys, pathlib\n"
        "from summit_connector.adapters.config.connector_file import load_connector_config\n"
        f"load_connector_config(pathlib.Path({str(path)!r}), {{}})\n"
        "print('cryptography' in sys.modules)\n"
    )

    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)

    assert done.stdout.strip() == "False"
