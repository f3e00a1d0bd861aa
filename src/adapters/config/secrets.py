"""Secrets in Connector.config and templates: where they come from (B-2.4) and how they are revealed (B-6)."""

import base64
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from dotenv import dotenv_values

from summit_connector.adapters.config.messages import invalid
from summit_connector.adapters.config.secret_key import SecretKey, required_key
from summit_connector.application.errors import InvalidInput

ENCRYPTED_PREFIX = "ENC:"
_HEX = re.compile(r"(?:[0-9a-fA-F]{2})+")
_BASE64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")


def reveal(value: str, environ: Mapping[str, str] | None = None, config_path: Path | None = None) -> str:
    """`ENC:` + Fernet token, the vendor EncryptValue's hex of base64, or a plain value, as plain text.

    An `ENC:` value is decrypted with `SUMMIT_CONNECTOR_KEY` from `environ`, else `Connector.key` beside `config_path`.
    """
    if value.startswith(ENCRYPTED_PREFIX):
        key = required_key(environ or {}, config_path or Path("Connector.config"))
        return key.decrypt(value.removeprefix(ENCRYPTED_PREFIX).strip())
    return _legacy_plain_text(value) or value


def encrypt(plain: str, key: SecretKey) -> str:
    return ENCRYPTED_PREFIX + key.encrypt(plain)


def is_plain(value: str) -> bool:
    return not value.startswith(ENCRYPTED_PREFIX) and _legacy_plain_text(value) is None


def _legacy_plain_text(value: str) -> str | None:
    """Hex of base64 of printable UTF-8, or None: anything else is taken as a plain value."""
    if not _HEX.fullmatch(value):
        return None
    try:
        encoded = bytes.fromhex(value).decode("ascii")
        plain = base64.b64decode(encoded, validate=True).decode("utf-8") if _BASE64.fullmatch(encoded) else ""
    except ValueError:
        return None
    return plain if plain and plain.isprintable() else None


def open_secret(
    env_name: str, environ: Mapping[str, str], config_path: Path, file_value: str, origin: str
) -> tuple[str, tuple[str, ...]]:
    """Environment beats `.env` beside Connector.config beats the file (B-2.4).

    Returns the plain value and the warnings about it; `origin` names the file and field in messages.
    """
    for value, where in _candidates(env_name, environ, config_path.parent / ".env", file_value, origin):
        if value.strip():
            revealed = _revealed(value.strip(), where, environ, config_path)
            if not _sendable(revealed):
                raise invalid(where, "", "must be printable ASCII (it is sent in an HTTP header or body); "
                                         "its value is not shown")
            return revealed, _plain_warnings(value.strip(), where, origin)
    raise invalid(origin, "", f"missing; set it here, in {env_name} or in .env beside Connector.config")


def _candidates(
    env_name: str, environ: Mapping[str, str], env_file: Path, file_value: str, origin: str
) -> Iterator[tuple[str, str]]:
    yield environ.get(env_name, ""), f"environment: {env_name}"
    yield _dotenv_value(env_file, env_name), f"{env_file}: {env_name}"
    yield file_value, origin


def _dotenv_value(env_file: Path, name: str) -> str:
    try:
        return dotenv_values(env_file, encoding="utf-8-sig").get(name) or ""
    except (UnicodeDecodeError, OSError) as error:
        reason = "is not UTF-8 text (save it as UTF-8)" if isinstance(error, UnicodeDecodeError) else str(error)
        raise invalid(str(env_file), "", f"cannot be read: {reason}") from None


def _sendable(secret: str) -> bool:
    return all(32 <= ord(character) <= 126 for character in secret)


def _revealed(value: str, where: str, environ: Mapping[str, str], config_path: Path) -> str:
    try:
        return reveal(value, environ, config_path)
    except InvalidInput as error:
        raise invalid(where, "", str(error)) from None


def _plain_warnings(value: str, where: str, origin: str) -> tuple[str, ...]:
    if where != origin or not is_plain(value):
        return ()
    return (f"{origin} is plain text; encrypt it or move it to the environment or .env",)
