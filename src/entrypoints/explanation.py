"""What `explain` shows: the decision record `report` would act on, and where its inputs came from (B-7).

A record only: the command builds it, the views print it; nothing here decides.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from summit_connector.domain.decision import ReportDecision
from summit_connector.domain.recovery import RecoveryDecision


class Lookup(StrEnum):
    FOUND = "found in OpCon"
    NOT_FOUND = "not found in OpCon"
    OFFLINE = "not asked (--offline)"


@dataclass(frozen=True)
class SummitRequest:
    method: str
    url: str
    body: dict[str, Any]


@dataclass(frozen=True)
class Explanation:
    """`sources` says where the job's tags, ticket and documentation came from; `ignored` names flags that had no
    job to apply to; `new_ticket_url` is the view URL with a placeholder number ("" without a viewIncident URL)."""

    decision: ReportDecision
    template_path: str
    now_source: str
    lookup: Lookup
    request: SummitRequest | None
    ticket_status_given: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    new_ticket_url: str = ""


@dataclass(frozen=True)
class RecoveryExplanation:
    """What `explain` shows for a recovery trigger (B-11.2): the decision `recover` would act on, and the Summit
    request of each of its steps, in order."""

    decision: RecoveryDecision
    template_path: str
    now_source: str
    lookup: Lookup
    requests: tuple[SummitRequest, ...]
    ticket_status_given: str | None = None
    sources: dict[str, str] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
