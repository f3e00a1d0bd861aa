"""`summit-connector outbox`: the failures kept for a later delivery, oldest first; for each uncertain create, what
to look for in Summit (B-9.2)."""

from typing import TextIO

from summit_connector.application.ports import KeptState
from summit_connector.entrypoints.exit_codes import ExitCode


def run(args, stdout: TextIO, stderr: TextIO, environ: dict[str, str]) -> ExitCode:
    from summit_connector.adapters.config.template_file import load_template
    from summit_connector.application.adopt import look_for
    from summit_connector.entrypoints.container import Container
    from summit_connector.entrypoints.loading import load_config
    from summit_connector.entrypoints.views.outbox import show

    config = load_config(args.config, environ)
    container = Container(config=config, environ=environ)
    entries = container.outbox().pending(set(KeptState))
    found = look_for(entries, container.journal(), lambda name: load_template(name, config, environ).template)
    show(stdout, entries, found)
    return ExitCode.OK
