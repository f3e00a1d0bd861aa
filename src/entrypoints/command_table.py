"""Which module runs each command. A command's module is imported only when it runs, so `--help` and `--version`
import none of them; `report` and `recover` share one, as do `agent-down` and `agent-up`."""

from collections.abc import Callable

from summit_connector.entrypoints.invocation import Command


def _report() -> Command:
    from summit_connector.entrypoints.commands import report
    return report.run


def _explain() -> Command:
    from summit_connector.entrypoints.commands import explain
    return explain.run


def _check() -> Command:
    from summit_connector.entrypoints.commands import check
    return check.run


def _encrypt() -> Command:
    from summit_connector.entrypoints.commands import encrypt
    return encrypt.run


def _retry() -> Command:
    from summit_connector.entrypoints.commands import retry
    return retry.run


def _outbox() -> Command:
    from summit_connector.entrypoints.commands import outbox
    return outbox.run


def _history() -> Command:
    from summit_connector.entrypoints.commands import history
    return history.run


def _sync() -> Command:
    from summit_connector.entrypoints.commands import sync
    return sync.run


def _demo() -> Command:
    from summit_connector.entrypoints.commands import demo
    return demo.run


def _sandbox() -> Command:
    from summit_connector.entrypoints.commands import sandbox
    return sandbox.run


def _silence() -> Command:
    from summit_connector.entrypoints.commands import silence
    return silence.run


def _agents() -> Command:
    from summit_connector.entrypoints.commands import agents
    return agents.run


def _reconcile() -> Command:
    from summit_connector.entrypoints.commands import reconcile
    return reconcile.run


def _serve() -> Command:
    from summit_connector.entrypoints.commands import serve
    return serve.run


def _status() -> Command:
    from summit_connector.entrypoints.commands import status
    return status.run


def _init() -> Command:
    from summit_connector.entrypoints.commands import init
    return init.run


COMMANDS: dict[str, Callable[[], Command]] = {
    "report": _report, "recover": _report, "explain": _explain, "check": _check, "encrypt": _encrypt,
    "retry": _retry, "outbox": _outbox, "history": _history, "sync": _sync, "demo": _demo, "sandbox": _sandbox,
    "silence": _silence, "agent-down": _agents, "agent-up": _agents, "init": _init, "reconcile": _reconcile,
    "serve": _serve, "status": _status,
}
