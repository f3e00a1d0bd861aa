"""`summit-connector outbox`: the failures kept for a later delivery, oldest first; for each uncertain create, what
to look for in Summit (B-9.2)."""

from summit_connector.application.ports import KeptState
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.invocation import Invocation


def run(invocation: Invocation) -> ExitCode:
    from summit_connector.application.adopt import look_for
    from summit_connector.entrypoints.views.outbox import show

    root = invocation.root()
    entries = root.outbox().pending(set(KeptState))
    found = look_for(entries, root.journal(), lambda name: root.templates().named(name).template())
    show(invocation.stdout, entries, found)
    return ExitCode.OK
