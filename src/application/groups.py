"""The incidents a failure could join instead of creating one (B-13.1, B-13.4), as the journal holds them and with
Summit's status of each; and the locks that serialise the runs of one group."""

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime

from summit_connector.application.errors import ConnectorError, LockUnavailable
from summit_connector.application.ports import GroupIncidents, Incidents, JobLocks
from summit_connector.application.reads import read_ticket
from summit_connector.domain.decision import GroupIncident
from summit_connector.domain.grouping import GroupLookup, agent_down_key, group_key, window_start
from summit_connector.domain.incident import held_to_resend
from summit_connector.domain.model import FailureEvent
from summit_connector.domain.template import Grouping

GROUP_LOCK = "group|"


def look_up_groups(groups: GroupIncidents, incidents: Incidents, event: FailureEvent, grouping: Grouping,
                   now: datetime) -> GroupLookup:
    """The incident of the event's agent while it is down, and the newest of its group inside the window."""
    return GroupLookup(held_incident(groups, incidents, agent_down_key(event.agent), None),
                       held_incident(groups, incidents, group_key(event, grouping), window_start(grouping, now)))


def held_incident(groups: GroupIncidents, incidents: Incidents, key: str, since: datetime | None
                  ) -> GroupIncident | None:
    """None without a key, or when the journal cannot be read (B-9.3: it never stops a run)."""
    if not key:
        return None
    try:
        entry = groups.group_incident(key, since)
    except ConnectorError:
        return None
    if entry is None:
        return None
    read = read_ticket(incidents, entry.ticket)
    return GroupIncident(key, entry.ticket, entry.created_at, read.status if read else None,
                         held=held_to_resend(read))


def lock_keys(event: FailureEvent, grouping: Grouping) -> tuple[str, ...]:
    """The group's lock, then the job's (B-13.1): every run takes them in this order, so no two wait on each other."""
    key = "" if event.trigger.is_recovery else group_key(event, grouping)
    return (group_lock(key), event.job_key) if key else (event.job_key,)


def group_lock(key: str) -> str:
    return f"{GROUP_LOCK}{key}"


@contextmanager
def holding(locks: JobLocks, keys: tuple[str, ...], warnings: list[str] | None = None) -> Iterator[None]:
    """Holds every lock, taken in the order given, released in reverse.

    A lock that cannot be created (an unwritable folder) never stops the delivery (B-9.3): the run goes ahead
    without it, and `warnings` gets a line naming the file and the cause. Without `warnings`, it is raised.
    """
    with ExitStack() as held:
        for key in keys:
            try:
                held.enter_context(locks.hold(key))
            except LockUnavailable as unusable:
                if warnings is None:
                    raise
                warnings.append(f"{unusable}; this run went ahead without it")
        yield
