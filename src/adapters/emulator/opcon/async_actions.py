"""What OpCon's asynchronous actions share (opcon-api.md §9): found by numeric id, `submitted` for some polls."""

from collections.abc import Mapping
from typing import Protocol, TypeVar

from summit_connector.adapters.emulator.opcon.error_shapes import not_found


class Polled(Protocol):
    pending_polls: int


Action = TypeVar("Action", bound=Polled)


def find_action(actions: Mapping[int, Action], action_id: str, kind: str, path: str) -> Action:
    """The action by the id in the path; a 404 in OpCon's shape when there is none."""
    record = actions.get(int(action_id)) if action_id.isdigit() else None
    if record is None:
        raise not_found(f"{kind} {action_id} was not found.", path)
    return record


def still_submitted(record: Polled) -> bool:
    """Counts one poll: True while the action should still answer `submitted`."""
    if record.pending_polls <= 0:
        return False
    record.pending_polls -= 1
    return True
