"""OpCon job actions (B-12.1): POST /api/jobactions, then poll GET /api/jobactions/{id} until it is no longer
`submitted` (SMA's Java client: `model/JobAction.java`, `api/jobactions/WsJobActions.java`)."""

import time
from collections.abc import Callable, Sequence

import httpx
from pydantic import BaseModel, ConfigDict, TypeAdapter

from summit_connector.adapters.opcon.http import OpConHttp, segment
from summit_connector.application.errors import OpConError, OpConUnavailable
from summit_connector.application.ports import JobActions

PAUSES = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 3.0, 3.0, 3.0)
"""Seconds between polls: quick first, about 16 s in all (an action OpCon has not finished by then is tried again
by the next `sync` pass)."""
_SUBMITTED = "submitted"
NOT_FOUND = 404


class _JobResult(BaseModel):
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True, frozen=True)

    result: str | None = None
    message: str | None = None


class _JobAction(BaseModel):
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True, frozen=True)

    id: str
    result: str | None = None
    message: str | None = None
    jobs: list[_JobResult] | None = None

    @property
    def outcome(self) -> str:
        return (self.result or "").strip().lower()

    @property
    def reason(self) -> str:
        said = [self.message, *(job.message for job in self.jobs or ())]
        return next((text for text in said if text), "no reason given")


_REPLY = TypeAdapter(_JobAction)


class OpConJobActions(JobActions):
    """A 404 to the POST is a daily job OpCon no longer knows (OpConError, status_code 404); `failed` raises
    OpConError with OpCon's reason (the job's status does not allow the action); an action still `submitted` after
    the last pause raises OpConUnavailable."""

    def __init__(self, client: httpx.Client, sleep: Callable[[float], None] = time.sleep,
                 pauses: Sequence[float] = PAUSES) -> None:
        self._api = OpConHttp(client)
        self._sleep = sleep
        self._pauses = pauses

    def apply(self, daily_job_id: str, action: str, reason: str) -> str:
        body = {"action": action, "jobs": [{"id": daily_job_id}], "reason": reason}
        reply = self._until_finished(self._api.fetch("POST", "/api/jobactions", _REPLY, body=body))
        if reply.outcome == "failed":
            raise self._api.error(f"OpCon did not {action} daily job {daily_job_id}: {reply.reason}",
                                  service="GET /api/jobactions")
        return reply.outcome

    def _until_finished(self, reply: _JobAction) -> _JobAction:
        for pause in self._pauses:
            if reply.outcome != _SUBMITTED:
                return reply
            self._sleep(pause)
            reply = self._polled(reply.id)
        if reply.outcome != _SUBMITTED:
            return reply
        raise OpConUnavailable(f"OpCon's job action {reply.id} was still submitted after {sum(self._pauses):g} s",
                               service="GET /api/jobactions")

    def _polled(self, action_id: str) -> _JobAction:
        """A 404 here is about the action, not the job: whether OpCon carried it out is unknown, so it is transient."""
        try:
            return self._api.fetch("GET", f"/api/jobactions/{segment(action_id)}", _REPLY)
        except OpConError as error:
            if error.status_code != NOT_FOUND:
                raise
            raise OpConUnavailable(f"OpCon no longer knows its job action {action_id}: {error}",
                                   service=error.service) from error
