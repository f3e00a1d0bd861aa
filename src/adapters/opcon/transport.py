"""The one door to OpCon: every call maps transport failures, refusals and unreadable replies to our errors."""

from typing import Any, TypeVar
from urllib.parse import quote

import httpx
from pydantic import TypeAdapter, ValidationError

from summit_connector.adapters.opcon import errors
from summit_connector.adapters.retry_after import retry_after_seconds
from summit_connector.application.errors import ConnectorError, OpConError, OpConUnavailable

T = TypeVar("T")
E = TypeVar("E", bound=ConnectorError)
Params = dict[str, str]


def segment(value: object) -> str:
    """A path segment with `|`, spaces, brackets, `$` and `/` percent-encoded (B-4.10)."""
    return quote(str(value), safe="")


class OpConHttp:
    """Wraps the injected client; no message it raises ever holds the token."""

    def __init__(self, client: httpx.Client) -> None:
        self._client = client
        self._token = client.headers.get("Authorization", "").removeprefix("Token ").strip()

    def call(
        self, method: str, path: str, *, params: Params | None = None, body: Any = None, allow_404: bool = False
    ) -> httpx.Response:
        request = self._client.build_request(method, path, params=params, json=body)
        try:
            response = self._client.send(request)
        except httpx.TransportError as exc:
            raise self.error(OpConUnavailable, errors.unreachable(request, exc)) from exc
        except httpx.HTTPError as exc:
            raise self.error(OpConError, errors.unreachable(request, exc)) from exc
        if response.is_success or (allow_404 and response.status_code == 404):
            return response
        if errors.is_transient(response.status_code):
            failure = self.error(OpConUnavailable, errors.refusal(response))
            failure.retry_after = retry_after_seconds(response)
            raise failure
        raise self.error(OpConError, errors.refusal(response))

    def fetch(
        self,
        method: str,
        path: str,
        shape: TypeAdapter[T],
        *,
        params: Params | None = None,
        body: Any = None,
        none_if_absent: bool = False,
    ) -> T:
        """The reply decoded into `shape`; with `none_if_absent`, a 404 or an empty body reads as JSON null."""
        response = self.call(method, path, params=params, body=body, allow_404=none_if_absent)
        absent = none_if_absent and (response.status_code == 404 or not response.content.strip())
        data = None if absent else self._json(response)
        return self._decode(shape, data, response.request)

    def error(self, kind: type[E], message: str) -> E:
        return kind(message.replace(self._token, "***") if self._token else message)

    def _json(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            status = errors.status_line(response)
            message = f"OpCon {errors.where(response.request)} answered {status} with a body that is not JSON"
            raise self.error(OpConError, message) from exc

    def _decode(self, shape: TypeAdapter[T], data: Any, request: httpx.Request) -> T:
        try:
            return shape.validate_python(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            place = ".".join(str(part) for part in first["loc"]) or "reply"
            message = f"OpCon {errors.where(request)} answered an unexpected shape ({place}: {first['msg']})"
            raise self.error(OpConError, message) from exc
