"""A JSON reply's long strings read straight to UTF-8 bytes as the reply arrives (B-4.11: a big job log)."""

import json

import pytest

from summit_connector.adapters.long_strings import LONG_STRING, read_long_strings

LOG = "".join(f"step {n}: copied \"ledger\" to C:\\data\\out — OK ✓ 😀\t\r\n" for n in range(20_000))


def in_chunks(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("ensure_ascii", [True, False], ids=["escaped", "utf-8"])
@pytest.mark.parametrize("chunk", [1_000, 4_096, 65_536, 7])
def test_a_long_string_arrives_as_the_exact_utf8_however_the_reply_is_cut(ensure_ascii, chunk):
    reply = {"id": "72", "jobInstanceActionItems": [{"id": 4245, "result": "success", "data": LOG}]}
    raw = json.dumps(reply, ensure_ascii=ensure_ascii).encode("utf-8")

    strings = read_long_strings(in_chunks(raw, chunk))

    item = json.loads(strings.json)["jobInstanceActionItems"][0]
    assert strings.utf8(item["data"]) == LOG.encode("utf-8")
    assert (item["id"], item["result"]) == (4245, "success")
    assert len(strings.json) < 200


def test_short_strings_stay_in_the_json():
    raw = json.dumps({"message": "Job \"X\" ✓", "data": "a" * (LONG_STRING - 10)}).encode()

    strings = read_long_strings(in_chunks(raw, 100))

    assert json.loads(strings.json) == json.loads(raw)
    assert strings.values == {}
    assert strings.utf8(None) == b""


@pytest.mark.parametrize(
    "raw",
    [
        b'{"data": "' + b"a" * 100_000,
        b'{"data": "' + b"a" * 100_000 + b'\\x is no escape"}',
        b'{"data": "' + b"a" * 100_000 + b'\x01"}',
        b'{"data": "' + b"a" * 100_000 + b'\xff\xfe"}',
    ],
    ids=["unterminated", "bad-escape", "control-character", "not-utf-8"],
)
def test_a_long_string_that_is_not_json_is_a_value_error(raw):
    with pytest.raises(ValueError):
        read_long_strings(in_chunks(raw, 65_536))
