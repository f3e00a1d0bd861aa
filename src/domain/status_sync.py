"""What a Summit status asks of the OpCon job that holds the incident (B-12.1, B-12.2)."""

from dataclasses import dataclass

from summit_connector.domain.template import JobAction, SyncPolicy


@dataclass(frozen=True)
class SyncStep:
    """What a status asks for: `action` is NONE when it maps to none or was acted on already (B-12.2)."""

    status: str
    action: JobAction
    stop: bool


def decide_sync(policy: SyncPolicy, status: str, last_acted: str) -> SyncStep:
    """B-12.1/B-12.2: statuses compare case-insensitively; a status is acted on once; stopOn ends tracking."""
    changed = _folded(status) != _folded(last_acted)
    actions = {_folded(name): action for name, action in policy.on_status}
    action = actions.get(_folded(status), JobAction.NONE) if changed else JobAction.NONE
    return SyncStep(status, action, _folded(status) in {_folded(name) for name in policy.stop_on})


def _folded(status: str) -> str:
    return status.strip().casefold()
