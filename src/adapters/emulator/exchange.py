"""HTTP values the emulator's handlers exchange: a parsed request, a response, and an error that carries one."""

import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import parse_qs, unquote

JSON = "application/json; charset=utf-8"


@dataclass(frozen=True)
class Request:
    """One request as received: `target` is the raw path and query; segments and params come decoded."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes = b""

    @cached_property
    def path(self) -> str:
        return self.target.partition("?")[0]

    @cached_property
    def segments(self) -> tuple[str, ...]:
        return tuple(_decode_segment(part) for part in self.path.split("/") if part)

    @cached_property
    def params(self) -> dict[str, list[str]]:
        """Query parameters by lower-cased name (OpCon binds them case-insensitively)."""
        merged: dict[str, list[str]] = {}
        for name, values in parse_qs(self.target.partition("?")[2], keep_blank_values=True).items():
            merged.setdefault(name.lower(), []).extend(values)
        return merged

    def param(self, name: str) -> str:
        return self.params.get(name.lower(), [""])[0]

    def param_list(self, name: str) -> list[str]:
        """Every value of a list parameter, given comma-joined or repeated."""
        values = self.params.get(name.lower(), [])
        return [item.strip() for value in values for item in value.split(",") if item.strip()]

    def flag(self, name: str) -> bool:
        return self.param(name).lower() == "true"

    def json_body(self) -> Any:
        """The parsed body (None when empty); ValueError when it is not JSON."""
        return json.loads(self.body.decode("utf-8")) if self.body.strip() else None

    def loggable_body(self) -> Any:
        try:
            return self.json_body()
        except ValueError:
            return self.body.decode("utf-8", "replace")


def _decode_segment(segment: str) -> str:
    """`%7C` → `|`; a slash the Java client double-encodes (`%252F`) comes out as `/` too."""
    return unquote(segment).replace("%2F", "/").replace("%2f", "/")


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes = b""
    content_type: str = JSON
    headers: tuple[tuple[str, str], ...] = ()


DROP = Response(status=0)
"""Close the connection without answering (a server that died mid-request)."""


def json_response(data: Any, status: int = 200, headers: tuple[tuple[str, str], ...] = ()) -> Response:
    return Response(status, json.dumps(data).encode("utf-8"), JSON, headers)


def text_response(status: int, text: str, content_type: str = "text/html; charset=utf-8") -> Response:
    return Response(status, text.encode("utf-8"), content_type)


class HttpError(Exception):
    """Raised by a handler to answer with `response` instead."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status)
        self.response = response
