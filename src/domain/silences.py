"""Silences (B-13.2): an operator's "create nothing for these failures until then"."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from summit_connector.domain.model import FailureEvent
from summit_connector.domain.patterns import name_matches


@dataclass(frozen=True)
class Silence:
    """Matchers are names with `*` the only wildcard (`domain.patterns`), case-sensitive; empty matches anything;
    all given must match.
    `tag` matches one whole job tag. Active from `starts` until `ends` (an `expire` moves `ends` to then)."""

    id: int
    job: str
    schedule: str
    agent: str
    tag: str
    starts: datetime
    ends: datetime
    comment: str
    author: str = ""

    def active(self, now: datetime) -> bool:
        return self.starts <= now < self.ends

    def matches(self, event: FailureEvent, tags: Sequence[str]) -> bool:
        named = ((self.job, event.job), (self.schedule, event.schedule), (self.agent, event.agent))
        if any(pattern and not name_matches(pattern, value) for pattern, value in named):
            return False
        return not self.tag or any(name_matches(self.tag, tag) for tag in tags)


def matching_silence(silences: Iterable[Silence], event: FailureEvent, tags: Sequence[str], now: datetime
                     ) -> Silence | None:
    """The first active silence (by id) that matches the event; recoveries are never silenced (B-13.2)."""
    if event.trigger.is_recovery:
        return None
    return next((s for s in sorted(silences, key=lambda s: s.id) if s.active(now) and s.matches(event, tags)), None)
