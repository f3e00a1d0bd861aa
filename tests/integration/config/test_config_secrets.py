"""Secret values (B-6.2): the vendor EncryptValue's hex of base64 is revealed; anything else is plain."""

import base64

import pytest

from summit_connector.adapters.config.secrets import is_plain, reveal
from summit_connector.application.errors import InvalidInput


def legacy_encrypted(plain: bytes) -> str:
    return "".join(f"{byte:02x}" for byte in base64.b64encode(plain))


@pytest.mark.parametrize("plain", [b"secret", b"abcdefg", b"fc0520dc-fc93-4d3a-bf2f-7d0584c69df2", "clé".encode()])
def test_vendor_encrypt_value_output_is_revealed_b6_2(plain):
    encrypted = legacy_encrypted(plain)

    assert reveal(encrypted) == plain.decode()
    assert not is_plain(encrypted)


def test_legacy_hex_digits_may_be_upper_case_b6_2():
    assert reveal(legacy_encrypted(b"secret").upper()) == "secret"


@pytest.mark.parametrize(
    "value",
    [
        "encrypted key",
        "fc0520dc-fc93-4d3a-bf2f-7d0584c69df2",
        "deadbeef",
        "abc",
        "",
        "0a0b",
        legacy_encrypted(b"\x01\x02"),
    ],
)
def test_values_that_are_not_hex_of_base64_of_printable_text_stay_plain_b6_2(value):
    assert reveal(value) == value
    assert is_plain(value)


def test_enc_values_need_the_key_b6_1(tmp_path):
    with pytest.raises(InvalidInput, match="needs its key"):
        reveal("ENC:gAAAAABtoken", {}, tmp_path / "Connector.config")


def test_enc_values_are_not_plain_b6_2():
    assert not is_plain("ENC:gAAAAABtoken")
