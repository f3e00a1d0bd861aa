"""What `status` tells (B-14.5), as the JSON object's keys `running, pid, since, version, port, in_flight, kept,
last_success, last_error, mode`, and as lines for a person."""

from summit_connector.application.errors import ConnectorError
from summit_connector.application.kept import kept_counts
from summit_connector.entrypoints.service_file import ServiceInfo

HAND_OFF, INLINE = "hand-off", "inline"


def service_status(root, info: ServiceInfo | None, said: dict) -> dict[str, object]:
    """With a service, the last success and error are the service's; without one, history's."""
    base: dict[str, object] = {"running": info is not None, "pid": info.pid if info else None,
                                "since": info.started if info else None, "version": info.version if info else None,
                                "port": info.port if info else None, "in_flight": int(said.get("in_flight", 0))}
    last_success, last_error = (said.get("last_success", ""), said.get("last_error", "")) if info else _history(root)
    return {**base, "kept": _kept(root), "last_success": last_success or None, "last_error": last_error or None,
            "mode": HAND_OFF if info else INLINE}


def as_text(status: dict[str, object]) -> str:
    kept = status["kept"]
    counts = ", ".join(f"{count} {state}" for state, count in kept.items()) if isinstance(kept, dict) else str(kept)
    lines = [f"service: running since {status['since']} (pid {status['pid']}, version {status['version']}, "
             f"port {status['port']}), {status['in_flight']} hand-off(s) in flight" if status["running"] else
             "service: none runs for this Connector.config",
             f"kept: {counts}",
             f"last success: {status['last_success'] or 'none known'}",
             f"last error: {status['last_error'] or 'none known'}",
             f"a run now: {'is handed to the service' if status['mode'] == HAND_OFF else 'delivers inline'}"]
    return "\n".join(lines)


def _kept(root) -> dict[str, int] | str:
    try:
        return kept_counts(root.outbox())
    except ConnectorError as error:
        return f"the state store cannot be read: {error}"


def _history(root) -> tuple[str, str]:
    """The newest event that ended well, and the newest that did not, as history holds them."""
    try:
        events = root.history().query(None, None, None, 1000)
    except ConnectorError as error:
        return "", f"history cannot be read: {error}"
    success = next((e for e in events if e.exit_code == 0), None)
    failure = next((e for e in events if e.exit_code != 0), None)
    return (success.time.isoformat(timespec="seconds") if success else "",
            f"{failure.time.isoformat(timespec='seconds')} {failure.job or failure.command}: {failure.reason}"
            if failure else "")
