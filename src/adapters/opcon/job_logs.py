"""Job output through OpCon's JORS actions: LIST the files, then FILE each one, polling until done (B-4.11).

A file's text arrives as one JSON string; it is read straight into bytes as the reply arrives (`fetch_long`), so a
big log is held once, not as reply, text and bytes at the same time.
"""

import re
import time
from collections.abc import Callable, Iterator

import httpx

from summit_connector.adapters.long_strings import LongStrings
from summit_connector.adapters.opcon.http import OpConHttp, segment
from summit_connector.adapters.opcon.wire import ACTION, ActionItem, JobInstanceAction
from summit_connector.application.ports import JobLogs
from summit_connector.domain.model import DailyJob, JobLog

_FINISHED = {"success", "failed"}
_LONGEST_PAUSE = 4.0


class OpConJobLogs(JobLogs):
    """Waits at most `poll_budget_seconds` (counted as time slept) for each action, pausing longer each time."""

    def __init__(
        self,
        client: httpx.Client,
        sleep: Callable[[float], None] = time.sleep,
        poll_interval: float = 0.05,
        poll_budget_seconds: float = 30.0,
    ) -> None:
        self._api = OpConHttp(client)
        self._sleep = sleep
        self._interval = poll_interval
        self._budget = poll_budget_seconds

    def fetch(self, job: DailyJob) -> list[JobLog]:
        if job.job_number is None:
            return []
        listing, _ = self._run("LIST", {"id": job.job_number})
        return [self._file(job.job_number, entry) for entry in listing.files or []]

    def _file(self, job_number: int, entry: str) -> JobLog:
        item, strings = self._run("FILE", {"id": job_number, "jorsRequestParameters": entry})
        return JobLog(_file_name(entry, job_number), strings.utf8(item.data))

    def _run(self, verb: str, item: dict[str, object]) -> tuple[ActionItem, LongStrings]:
        body = {"action": verb, "jobInstanceActionItems": [item]}
        action, strings = self._until_finished(
            *self._api.fetch_long("POST", "/api/jobinstanceactions", ACTION, body=body)
        )
        first = _first_item(action)
        if "failed" in {_result(action.result), _result(first.result)}:
            reason = first.message or action.message or "no reason given"
            raise self._api.error(f"OpCon's {verb} action for job number {item['id']} failed: {reason}")
        return first, strings

    def _until_finished(
        self, action: JobInstanceAction, strings: LongStrings
    ) -> tuple[JobInstanceAction, LongStrings]:
        for pause in self._pauses():
            if _result(action.result) in _FINISHED:
                return action, strings
            if pause:
                self._sleep(pause)
            action, strings = self._api.fetch_long("GET", f"/api/jobinstanceactions/{segment(action.id)}", ACTION)
        if _result(action.result) in _FINISHED:
            return action, strings
        message = f"OpCon's job instance action {action.id} was not finished after {self._budget:g} s"
        raise self._api.error(message)

    def _pauses(self) -> Iterator[float]:
        """No pause before the first poll (a quick agent has answered already), then doubling pauses."""
        yield 0.0
        slept, pause = 0.0, self._interval
        while slept < self._budget:
            step = min(pause, self._budget - slept)
            yield step
            slept += step
            pause = min(pause * 2, max(self._interval, _LONGEST_PAUSE))


def _result(value: str | None) -> str:
    return (value or "").strip().lower()


def _first_item(action: JobInstanceAction) -> ActionItem:
    items = action.job_instance_action_items or []
    return items[0] if items else ActionItem()


def _file_name(entry: str, job_number: int) -> str:
    return re.split(r"[\\/]", entry.strip())[-1] or f"job-{job_number}.log"
