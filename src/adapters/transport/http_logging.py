"""DEBUG=ON (B-8): one log line per HTTP exchange, with method, URL, status, milliseconds and masked bodies.

Headers are never logged (they carry `Authorization`). Whatever a body's size, only its first `WINDOW` bytes are
looked at: a reply is passed on as the caller reads it, keeping those bytes, and its line is written when it is
closed; a request body made while it is sent (a job log upload) shows as `(streamed)`. A body that fits the window
is masked as JSON by key (B-6.3); a longer one by the keys its first bytes show. Then every occurrence of a known
secret is blanked as a second guard, and only then is the text cut to `BODY_LIMIT` characters.
"""

import codecs
import json
import logging
import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import httpx

from summit_connector.adapters.redaction import MASK, blanked, is_secret_name, masked

LOGGER = "summit_connector.http"
BODY_LIMIT = 4096
WINDOW = 2 * BODY_LIMIT
"""Bytes of a body looked at: more than is shown, so masking happens before the cut."""

_PAIR = re.compile(
    r'(?P<key>(?P<quote>\\?")(?P<name>[^"\\]*)(?P=quote)\s*:\s*)'
    r'(?P<value>(?P=quote)(?:[^"\\]|\\(?:.|\Z))*?(?:(?P=quote)|\Z)|[^\s,{}\[\]"\\]+)',
    re.DOTALL,
)
_KEPT_VALUES = ('""', '\\"\\"', "null")


@dataclass(frozen=True)
class _Sample:
    """A body's first bytes (at most `WINDOW`), its size in bytes as sent, whether `head` is all of it, and whether
    it was read to its end."""

    head: bytes
    size: int
    whole: bool
    ended: bool = True

    @classmethod
    def of(cls, body: bytes) -> "_Sample":
        return cls(body[:WINDOW], len(body), len(body) <= WINDOW)

    def told(self) -> str:
        return f"{self.size} bytes in all" if self.ended else f"{self.size} bytes read, then closed"


def log_exchanges(client: httpx.Client, debug: bool, secrets: Sequence[str]) -> httpx.Client:
    """`client` itself, logging each exchange when `debug`."""
    if debug:
        hooks = client.event_hooks
        watch = partial(_watch, secrets=tuple(secrets))
        client.event_hooks = {"request": hooks["request"], "response": [*hooks["response"], watch]}
    return client


def _watch(response: httpx.Response, secrets: tuple[str, ...]) -> None:
    """Logs `response` when it is closed; at once if it arrived read and closed already (a mock transport)."""
    log = partial(_log_exchange, response, secrets=secrets)
    if response.is_closed:
        log(_Sample.of(response.content))
    else:
        response.stream = _Sampling(response.stream, lambda *read: log(_received(response, *read)))


class _Sampling(httpx.SyncByteStream):
    """`stream` passed on as it is read, keeping its first `WINDOW` bytes; at close, `closed` hears of them, of the
    size read and of whether the body was read to its end."""

    def __init__(self, stream: httpx.SyncByteStream, closed: Callable[[bytes, int, bool], None]) -> None:
        self._stream = stream
        self._closed = closed
        self._head = bytearray()
        self._size = 0
        self._ended = False

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._stream:
            self._head += chunk[: WINDOW - len(self._head)]
            self._size += len(chunk)
            yield chunk
        self._ended = True

    def close(self) -> None:
        self._stream.close()
        self._closed(bytes(self._head), self._size, self._ended)


def _log_exchange(response: httpx.Response, received: _Sample | None, secrets: tuple[str, ...]) -> None:
    request = response.request
    logging.getLogger(LOGGER).debug(
        "HTTP %s %s -> %d in %d ms; request: %s; response: %s",
        request.method,
        _cut(blanked(str(request.url), secrets)),
        response.status_code,
        _milliseconds(response),
        _shown(_sent(request), secrets),
        _shown(received, secrets) if received is not None else f"({_encoding(response)}-encoded)",
    )


def _sent(request: httpx.Request) -> _Sample | None:
    try:
        return _Sample.of(request.content)
    except httpx.RequestNotRead:
        return None


def _received(response: httpx.Response, head: bytes, size: int, ended: bool) -> _Sample | None:
    """The reply's first bytes decoded: gzip and deflate are inflated, up to `WINDOW` bytes; None for others."""
    whole = ended and size == len(head)
    if not _encoding(response):
        return _Sample(head, size, whole, ended)
    inflated = _inflated(head) if _encoding(response) in {"gzip", "x-gzip", "deflate"} else None
    return None if inflated is None else _Sample(inflated[0], size, whole and inflated[1], ended)


def _encoding(response: httpx.Response) -> str:
    codings = response.headers.get("content-encoding", "").lower().split(",")
    return ", ".join(coding.strip() for coding in codings if coding.strip() not in {"", "identity"})


def _inflated(raw: bytes) -> tuple[bytes, bool] | None:
    """The first `WINDOW` bytes `raw` inflates to (zlib or gzip framing, else raw deflate), and whether that is all."""
    for wbits in (zlib.MAX_WBITS | 32, -zlib.MAX_WBITS):
        inflater = zlib.decompressobj(wbits)
        try:
            return inflater.decompress(raw, WINDOW), inflater.eof and not inflater.unconsumed_tail
        except zlib.error:
            continue
    return None


def _milliseconds(response: httpx.Response) -> float:
    try:
        return response.elapsed.total_seconds() * 1000
    except RuntimeError:
        return 0.0


def _shown(sample: _Sample | None, secrets: tuple[str, ...]) -> str:
    if sample is None:
        return "(streamed)"
    if sample.whole:
        return _cut(blanked(_masked_text(sample.head), secrets))
    text = codecs.getincrementaldecoder("utf-8")("replace").decode(sample.head)
    text = _without_cut_secret(blanked(_masked_pairs(text), secrets), secrets)
    return f"{text[:BODY_LIMIT]}... ({sample.told()})"


def _masked_text(body: bytes) -> str:
    data = _parsed(body.decode("utf-8", "replace"))
    if isinstance(data, str):
        data = _parsed(data)
    if isinstance(data, str):
        return data or "(empty)"
    return json.dumps(masked({"body": data})["body"], ensure_ascii=False)


def _parsed(text: str) -> Any:
    """The JSON value of `text`, else `text`; Summit may answer a JSON string holding JSON (B-4.9)."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def _masked_pairs(text: str) -> str:
    """The start of a JSON body (or of a JSON string holding JSON) with each secret-named key's value as `***`."""
    return _PAIR.sub(_masked_pair, text)


def _masked_pair(pair: re.Match[str]) -> str:
    if not is_secret_name(pair["name"]) or pair["value"] in _KEPT_VALUES:
        return pair[0]
    return f"{pair['key']}{pair['quote']}{MASK}{pair['quote']}"


def _without_cut_secret(text: str, secrets: tuple[str, ...]) -> str:
    """`text` less a known secret's first characters at its end, where the window cut the secret."""
    for secret in filter(None, secrets):
        cut = next((n for n in range(len(secret) - 1, 0, -1) if text.endswith(secret[:n])), 0)
        text = text[: len(text) - cut]
    return text


def _cut(text: str) -> str:
    return text if len(text) <= BODY_LIMIT else f"{text[:BODY_LIMIT]}... ({len(text)} characters in all)"
