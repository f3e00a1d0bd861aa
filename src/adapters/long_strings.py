"""JSON replies that may hold a very long string (a job log in a JORS FILE action, B-4.11), read as they arrive.

Each string longer than `LONG_STRING` bytes of JSON is decoded straight to UTF-8 bytes, a piece at a time, and the
JSON keeps a short stand-in for it. A 20 MB log then costs its own size once, instead of the reply's bytes, their
decoded text, the decoded string and its bytes all held at the same moment.
"""

import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

LONG_STRING = 64 * 1024
_PIECE = 256 * 1024
_STRING_RUN = re.compile(rb'[^"\\]*(?:\\(?:u[0-9a-fA-F]{4}|["\\/bfnrt])[^"\\]*)*')
_HIGH_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abAB][0-9a-fA-F]{2}")
_LONGEST_ESCAPE = 6
_QUOTE = ord('"')


@dataclass(frozen=True)
class LongStrings:
    """`json`: the reply, each long string in it replaced by a stand-in; `values`: the UTF-8 each stand-in means."""

    json: bytes
    values: dict[str, bytes]

    def utf8(self, value: str | None) -> bytes:
        """The UTF-8 of a string read from `json`: the long string it stands in for, or its own."""
        if value is None:
            return b""
        long = self.values.get(value)
        return long if long is not None else value.encode("utf-8", "replace")


def read_long_strings(chunks: Iterable[bytes]) -> LongStrings:
    """The reply in `chunks` (UTF-8 JSON) with its long strings taken out.

    ValueError when a string is not valid JSON (unterminated, a bad escape, a control character, not UTF-8); the
    rest of the JSON is checked by whoever parses `json`.
    """
    reader = _Reader()
    for chunk in chunks:
        reader.feed(chunk)
    return reader.finished()


class _Reader:
    def __init__(self) -> None:
        self._skeleton = bytearray()
        self._values: dict[str, bytes] = {}
        self._unread = bytearray()
        self._in_string = False
        self._string = bytearray()
        self._decoded: io.BytesIO | None = None

    def feed(self, chunk: bytes) -> None:
        unread = self._unread
        unread += chunk
        position, more = 0, True
        while more and position < len(unread):
            if not self._in_string:
                position = self._outside(unread, position)
            else:
                position, more = self._inside(unread, position)
        del unread[:position]

    def finished(self) -> LongStrings:
        if self._in_string:
            raise ValueError("the reply ends inside a JSON string")
        return LongStrings(bytes(self._skeleton), self._values)

    def _outside(self, unread: bytearray, position: int) -> int:
        quote = unread.find(b'"', position)
        end = len(unread) if quote < 0 else quote
        self._skeleton += unread[position:end]
        if quote < 0:
            return end
        self._in_string, self._string, self._decoded = True, bytearray(), None
        return quote + 1

    def _inside(self, unread: bytearray, position: int) -> tuple[int, bool]:
        """Reads whole escapes only; an escape cut by the end of the chunk waits for the next one."""
        whole_escapes = _STRING_RUN.match(unread, position)
        end = whole_escapes.end() if whole_escapes else position
        self._add(unread[position:end])
        if end == len(unread):
            return end, False
        if unread[end] == _QUOTE:
            self._close()
            return end + 1, True
        if len(unread) - end < _LONGEST_ESCAPE:
            return end, False
        raise ValueError(f"a JSON string holds an invalid escape {bytes(unread[end:end + 2])!r}")

    def _add(self, raw: bytearray) -> None:
        string = self._string
        string += raw
        if self._decoded is None and len(string) > LONG_STRING:
            self._decoded = io.BytesIO()
        while self._decoded is not None and len(string) >= _PIECE:
            del string[: _decode_into(self._decoded, string)]

    def _close(self) -> None:
        string, decoded = self._string, self._decoded
        self._in_string, self._string, self._decoded = False, bytearray(), None
        if decoded is None:
            self._skeleton += b'"' + string + b'"'
            return
        while len(string) >= _PIECE:
            del string[: _decode_into(decoded, string)]
        _decode_into(decoded, string, final=True)
        stand_in = f"\x00long string {len(self._values) + 1}\x00"
        self._values[stand_in] = decoded.getvalue()
        self._skeleton += json.dumps(stand_in).encode("ascii")


def _decode_into(out: io.BytesIO, raw: bytearray, final: bool = False) -> int:
    """Writes the UTF-8 of the longest prefix of `raw` (string content that ends with a whole escape), at most a
    piece long, that stands alone: no escape, UTF-8 sequence or escaped surrogate pair parted; all of `raw` when
    `final`. Returns the prefix's length."""
    end = len(raw) if final else _piece_end(raw)
    text = json.loads(f'"{raw[:end].decode("utf-8")}"')
    if not final and _ends_high_surrogate(text) and _HIGH_SURROGATE_ESCAPE.fullmatch(raw, end - 6, end):
        text, end = text[:-1], end - 6
    out.write(text.encode("utf-8", "replace"))
    return end


def _piece_end(raw: bytearray) -> int:
    """At most `_PIECE` bytes in, after a whole escape and a whole UTF-8 character."""
    whole_escapes = _STRING_RUN.match(raw, 0, _PIECE)
    return _whole_characters(raw, whole_escapes.end() if whole_escapes else 0)


def _ends_high_surrogate(text: str) -> bool:
    return bool(text) and "\ud800" <= text[-1] <= "\udbff"


def _whole_characters(raw: bytearray, end: int) -> int:
    """`end`, less the bytes of a UTF-8 character that `end` would cut short."""
    for back in range(1, min(4, end) + 1):
        byte = raw[end - back]
        if byte < 0x80:
            return end
        if byte >= 0xC0:
            needed = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return end - back if back < needed else end
    return end
