"""The Fernet key behind `ENC:` values (B-6.1): `SUMMIT_CONNECTOR_KEY` beats `Connector.key` beside Connector.config.

cryptography is imported only when a key is used, so commands that meet no `ENC:` value start fast.
"""

import base64
import binascii
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from summit_connector.application.errors import InvalidInput

if TYPE_CHECKING:
    from cryptography.fernet import Fernet

KEY_ENV = "SUMMIT_CONNECTOR_KEY"
KEY_FILE = "Connector.key"
_FERNET_VERSION = 0x80
_FERNET_OVERHEAD = 1 + 8 + 16 + 32
_AES_BLOCK = 16


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
            raise InvalidInput(_undecryptable(token, self.origin)) from None

    def _fernet(self) -> "Fernet":
        from cryptography.fernet import Fernet

        try:
            return Fernet(self.value)
        except ValueError:
            raise InvalidInput(
                f"the key in {self.origin} is not a Fernet key: 44 characters of url-safe base64, "
                f"as `summit-connector encrypt` writes to {KEY_FILE}"
            ) from None


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
        raise InvalidInput(f"{path}: the key file cannot be read: {error.strerror}") from None


def required_key(environ: Mapping[str, str], config_path: Path) -> SecretKey:
    key = find_key(environ, config_path)
    if key is None:
        raise InvalidInput(
            f"an ENC: value needs its key: set {KEY_ENV} or put the {KEY_FILE} it was made with "
            f"beside Connector.config ({key_file(config_path)} not found)"
        )
    return key


def obtain_key(environ: Mapping[str, str], config_path: Path) -> tuple[SecretKey, bool]:
    """The key to encrypt with, and whether its file was created just now (owner-only, B-6.1)."""
    key = find_key(environ, config_path)
    if key is not None:
        return key, False
    return _create_key_file(key_file(config_path))


def _create_key_file(path: Path) -> tuple[SecretKey, bool]:
    from cryptography.fernet import Fernet

    value = Fernet.generate_key()
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        return SecretKey(path.read_bytes().strip(), str(path)), False
    except FileNotFoundError:
        raise InvalidInput(f"{path.parent}: no such folder for Connector.config and its key file") from None
    except OSError as error:
        raise InvalidInput(f"{path}: the key file cannot be created: {error.strerror}") from None
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
