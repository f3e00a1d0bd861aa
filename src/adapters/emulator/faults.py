"""Fault injection: answer an error status, lose a reply, hang before answering, or take a server down and back.

Every rule names an API, `"opcon"` or `"summit"`, or one Summit service by name (`"IM_LogOrUpdateIncident"`,
`"IM_GetIncidentListwithDetails"`, `"Summit_UploadAttachmentBase64Encoded"`...), which then matches that service
only (its ServiceName, case-insensitively), not a service whose name merely contains it.
"""

import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from summit_connector.adapters.emulator.exchange import DROP, Response, text_response
from summit_connector.adapters.emulator.opcon.error_shapes import api_errors, problem
from summit_connector.adapters.emulator.summit.web_service import SERVICES, UPLOAD_OPERATION

APIS = ("opcon", "summit")
SUMMIT_SERVICES = (*SERVICES, UPLOAD_OPERATION)


@dataclass
class Rule:
    """`times` None = until cleared. `path_contains` is matched case-insensitively against the raw path and,
    for Summit, the ServiceName; `service`, when set, must be the Summit ServiceName (or upload operation).
    `after`: the request is processed first, then the error replaces the reply (Summit created the ticket but the
    answer was lost). A `lose` rule is always `after`, and its reply is no reply: the connection is closed."""

    kind: str
    api: str
    times: int | None = 1
    path_contains: str = ""
    status: int = 503
    retry_after: float | None = None
    seconds: float = 0.0
    after: bool = False
    service: str = ""

    def matches(self, api: str, target: str, service: str) -> bool:
        return (self.api == api and self.times != 0 and self.path_contains.lower() in target.lower()
                and self.service.lower() in ("", service.lower()))

    def use(self) -> None:
        if self.times is not None:
            self.times -= 1

    def response(self) -> Response:
        if self.kind == "lose":
            return DROP
        headers = (("Retry-After", f"{self.retry_after:g}"),) if self.retry_after is not None else ()
        if self.api == "summit":
            reply = text_response(self.status, f"<html><body><h1>HTTP {self.status}</h1></body></html>")
        elif self.status == 401:
            reply = api_errors(401, "Invalid token specified")
        else:
            reply = problem(self.status, "Injected fault.", "")
        return Response(reply.status, reply.body, reply.content_type, headers)


@dataclass(frozen=True)
class Plan:
    """What to do with one request: hang this many seconds, then maybe answer with `failure`."""

    hang: float = 0.0
    failure: Rule | None = None


class Faults:
    """`set_available(api, up)` stops or restarts that API's server on its port."""

    def __init__(self, set_available: Callable[[str, bool], None]) -> None:
        self._set_available = set_available
        self._rules: list[Rule] = []
        self._timers: list[threading.Timer] = []
        self._lock = threading.Lock()

    def fail(self, api: str, status: int = 503, times: int | None = 1, path_contains: str = "",
             retry_after: float | None = None, after: bool = False) -> None:
        """Answer `status` (Summit: an IIS-style HTML page; OpCon: its error shapes); `api` may name a service."""
        self._add(_rule("fail", api, times=times, path_contains=path_contains, status=status,
                        retry_after=retry_after, after=after))

    def lose_reply(self, api: str, times: int | None = 1, path_contains: str = "") -> None:
        """Process the request, keep what it did, then close the connection without a word: the client cannot
        tell whether it landed (`lose_reply("IM_LogOrUpdateIncident")`: the incident exists, the client sees the
        server disconnect). For a gateway's answer instead, use `fail(..., status=504, after=True)`."""
        self._add(_rule("lose", api, times=times, path_contains=path_contains, after=True))

    def hang(self, api: str, seconds: float, times: int | None = 1, path_contains: str = "") -> None:
        """Sleep before answering; `stop()` or `down()` wakes the request and drops its connection."""
        self._add(_rule("hang", api, times=times, path_contains=path_contains, seconds=seconds))

    def down(self, api: str, seconds: float | None = None) -> None:
        """Connection refused until `up(api)` (or for `seconds`); the port is kept for the restart."""
        self._set_available(_server(api), False)
        if seconds is not None:
            timer = threading.Timer(seconds, self._set_available, (api, True))
            timer.daemon = True
            with self._lock:
                self._timers.append(timer)
            timer.start()

    def up(self, api: str) -> None:
        self._set_available(_server(api), True)

    def clear(self) -> None:
        """No more rules or timers, and both servers up."""
        with self._lock:
            self._rules.clear()
        self.cancel_timers()
        for api in APIS:
            self._set_available(api, True)

    def cancel_timers(self) -> None:
        with self._lock:
            timers, self._timers = self._timers, []
        for timer in timers:
            timer.cancel()

    def active(self) -> list[dict[str, object]]:
        with self._lock:
            return [asdict(rule) for rule in self._rules if rule.times != 0]

    def take(self, api: str, target: str, service: str = "") -> Plan:
        """Consumes the first matching hang and the first matching failure (an error or a lost reply)."""
        with self._lock:
            hang = next((r for r in self._rules if r.kind == "hang" and r.matches(api, target, service)), None)
            failure = next((r for r in self._rules if r.kind != "hang" and r.matches(api, target, service)), None)
            for rule in (hang, failure):
                if rule is not None:
                    rule.use()
        return Plan(hang.seconds if hang else 0.0, failure)

    def _add(self, rule: Rule) -> None:
        with self._lock:
            self._rules.append(rule)


def _rule(kind: str, api: str, **fields: Any) -> Rule:
    """`api` "summit" is any Summit request; "im_logorupdateincident" is Summit's `IM_LogOrUpdateIncident` only."""
    if api in APIS:
        return Rule(kind, api, **fields)
    service = next((name for name in SUMMIT_SERVICES if name.lower() == str(api).lower()), None)
    if service is None:
        raise ValueError(f"api must be one of {APIS} or a Summit service {SUMMIT_SERVICES}, not {api!r}")
    return Rule(kind, "summit", service=service, **fields)


def _server(api: str) -> str:
    if api not in APIS:
        raise ValueError(f"api must be one of {APIS}, not {api!r}")
    return api
