"""Secrets in Connector.config and templates: where they come from (B-2.4) and how they are revealed (B-6).

An `ENC:` value is a Fernet token; its key is `SUMMIT_CONNECTOR_KEY`, else `Connector.key` beside Connector.config.
The vendor's EncryptValue output (hex of base64) is revealed without a key. cryptography and dotenv are imported
only when an `ENC:` value, a new key or a `.env` file needs them, so commands that meet none start fast.
"""

import base64
import binascii
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from summit_connector.adapters.config.problems import invalid
from summit_connector.application.errors import InvalidInput
from summit_connector.domain.findings import Finding, Severity

if TYPE_CHECKING:
    from cryptography.fernet import Fernet

ENCRYPTED_PREFIX = "ENC:"
KEY_ENV = "SUMMIT_CONNECTOR_KEY"
KEY_FILE = "Connector.key"
KEY_HINT = (f"keep the {KEY_FILE} that `summit-connector encrypt` wrote beside Connector.config, or set "
            "SUMMIT_CONNECTOR_KEY to its content; then run check again")
PLAIN_TEXT_HINT = ("run `summit-connector encrypt -v <value>` and paste the ENC: value, "
                   "or move the secret to the environment or .env")
_HEX = re.compile(r"(?:[0-9a-fA-F]{2})+")
_BASE64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")
_FERNET_VERSION = 0x80
_FERNET_OVERHEAD = 1 + 8 + 16 + 32
_AES_BLOCK = 16


@dataclass(frozen=True)
class SecretField:
    """A secret's field in a file (`[OPCON API] TOKEN` of Connector.config) and the variable that beats it."""

    env_name: str
    file: str
    location: str


@dataclass(frozen=True)
class SecretKey:
    """A Fernet key and where it came from (`origin` names it in messages; the key itself never is)."""

    value: bytes = field(repr=False)
    origin: str

    def encrypt(self, plain: str) -> str:
        return self._fernet().encrypt(plain.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        from cryptography.fernet import InvalidToken

        try:
            return self._fernet().decrypt(token).decode("utf-8")
        except (InvalidToken, ValueError):
            raise InvalidInput(Finding("", Severity.ERROR, _undecryptable(token, self.origin), KEY_HINT)) from None

    def _fernet(self) -> "Fernet":
        from cryptography.fernet import Fernet

        try:
            return Fernet(self.value)
        except ValueError:
            raise InvalidInput(Finding(
                "", Severity.ERROR, f"the key in {self.origin} is not a Fernet key: 44 characters of url-safe "
                f"base64, as `summit-connector encrypt` writes to {KEY_FILE}", KEY_HINT)) from None


def open_secret(
    secret: SecretField, file_value: str, environ: Mapping[str, str], config_path: Path
) -> tuple[str, tuple[Finding, ...]]:
    """Environment beats `.env` beside Connector.config beats the file (B-2.4).

    Returns the plain value and the warnings about it.
    """
    for value, file, location in _candidates(secret, file_value, environ, config_path.parent / ".env"):
        if value.strip():
            revealed = _revealed(value.strip(), file, location, environ, config_path)
            if not _sendable(revealed):
                raise invalid(file, location, "must be printable ASCII (it is sent in an HTTP header or body); "
                                              "its value is not shown")
            return revealed, _plain_warnings(value.strip(), secret, (file, location))
    raise invalid(secret.file, secret.location,
                  f"missing; set it here, in {secret.env_name} or in .env beside Connector.config")


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


def key_file(config_path: Path) -> Path:
    return config_path.absolute().parent / KEY_FILE


def find_key(environ: Mapping[str, str], config_path: Path) -> SecretKey | None:
    """The key from the environment, else from the key file; None when there is neither."""
    if environ.get(KEY_ENV, "").strip():
        return SecretKey(environ[KEY_ENV].strip().encode("ascii", "replace"), f"environment variable {KEY_ENV}")
    path = key_file(config_path)
    try:
        return SecretKey(path.read_bytes().strip(), str(path))
    except FileNotFoundError:
        return None
    except OSError as error:
        raise invalid(str(path), "", f"the key file cannot be read: {error.strerror}") from None


def required_key(environ: Mapping[str, str], config_path: Path) -> SecretKey:
    key = find_key(environ, config_path)
    if key is None:
        raise InvalidInput(Finding(
            "", Severity.ERROR, f"an ENC: value needs its key: set {KEY_ENV} or put the {KEY_FILE} it was made "
            f"with beside Connector.config ({key_file(config_path)} not found)", KEY_HINT))
    return key


def obtain_key(environ: Mapping[str, str], config_path: Path) -> tuple[SecretKey, bool]:
    """The key to encrypt with, and whether its file was created just now (owner-only, B-6.1)."""
    key = find_key(environ, config_path)
    if key is not None:
        return key, False
    return _create_key_file(key_file(config_path))


def _candidates(
    secret: SecretField, file_value: str, environ: Mapping[str, str], env_file: Path
) -> Iterator[tuple[str, str, str]]:
    """(value, file, location) in order of precedence; `.env` is read only when the environment has no value."""
    yield environ.get(secret.env_name, ""), "environment", secret.env_name
    yield _dotenv_value(env_file, secret.env_name), str(env_file), secret.env_name
    yield file_value, secret.file, secret.location


def _dotenv_value(env_file: Path, name: str) -> str:
    """Empty when there is no `.env`: python-dotenv is imported only when the file exists (a faster start)."""
    if not env_file.is_file():
        return ""
    from dotenv import dotenv_values

    try:
        return dotenv_values(env_file, encoding="utf-8-sig").get(name) or ""
    except (UnicodeDecodeError, OSError) as error:
        reason = "is not UTF-8 text (save it as UTF-8)" if isinstance(error, UnicodeDecodeError) else str(error)
        raise invalid(str(env_file), "", f"cannot be read: {reason}") from None


def _sendable(secret: str) -> bool:
    return all(32 <= ord(character) <= 126 for character in secret)


def _revealed(value: str, file: str, location: str, environ: Mapping[str, str], config_path: Path) -> str:
    try:
        return reveal(value, environ, config_path)
    except InvalidInput as error:
        raise InvalidInput(replace(error.finding, file=file, location=location, message=error.finding.line())
                           ) from None


def _plain_warnings(value: str, secret: SecretField, found_at: tuple[str, str]) -> tuple[Finding, ...]:
    if found_at != (secret.file, secret.location) or not is_plain(value):
        return ()
    problem = "is plain text; encrypt it or move it to the environment or .env"
    warning = Finding(secret.location, Severity.WARNING, problem, PLAIN_TEXT_HINT, secret.file,
                      location_is_subject=True)
    return (warning,)


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


def _create_key_file(path: Path) -> tuple[SecretKey, bool]:
    from cryptography.fernet import Fernet

    value = Fernet.generate_key()
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        return SecretKey(path.read_bytes().strip(), str(path)), False
    except FileNotFoundError:
        raise invalid(str(path.parent), "", "no such folder for Connector.config and its key file") from None
    except OSError as error:
        raise invalid(str(path), "", f"the key file cannot be created: {error.strerror}") from None
    with os.fdopen(descriptor, "wb") as file:
        file.write(value + b"\n")
    return SecretKey(value, str(path)), True


def _undecryptable(token: str, origin: str) -> str:
    if not _well_formed(token):
        return "is not a whole ENC: value (damaged or cut short); encrypt it again with `summit-connector encrypt`"
    return (
        f"cannot be decrypted with the key in {origin} (made with another key, or altered); "
        f"restore that key or encrypt the value again with `summit-connector encrypt`"
    )


def _well_formed(token: str) -> bool:
    try:
        data = base64.urlsafe_b64decode(token.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError):
        return False
    ciphertext = len(data) - _FERNET_OVERHEAD
    return ciphertext > 0 and ciphertext % _AES_BLOCK == 0 and data[0] == _FERNET_VERSION
