"""`summit-connector report` (and bare vendor arguments) and `recover`: validate everything, replay what was kept,
deliver the event (a recovery goes to the recover use case, B-11.2)."""

from summit_connector.application.errors import described
from summit_connector.entrypoints.arguments import failure_event, joined
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.invocation import Invocation
from summit_connector.entrypoints.run import Run, Subject, acting
from summit_connector.entrypoints.views.outcomes import as_json, summary_line


def run(invocation: Invocation) -> ExitCode:
    args = invocation.args
    subject = Subject(failure_event(args))
    return acting(invocation, args.command, subject, lambda run: _report(run, subject, joined(args.template)))


def _report(run: Run, subject: Subject, template: str) -> ExitCode:
    from summit_connector.entrypoints.container import template_key

    scope = run.root.templates().named(template)
    _replay_kept(run)
    handed = run.invocation.handed
    if handed is None:
        outcome = run.root.delivery().report(subject.event, template_key(scope.loaded()))
    else:
        outcome = run.root.delivery().report_handed(handed)
        if outcome is None:
            print(f"Delivered by another run meanwhile (outbox entry {handed.id}).", file=run.invocation.stdout)
            return ExitCode.OK
    run.remember(subject, ExitCode.OK, outcome)
    run.told(outcome, summary_line(outcome), as_json(outcome) if run.invocation.args.json else None)
    return ExitCode.OK


def _replay_kept(run: Run) -> None:
    """Failures kept by earlier runs go first, oldest first (B-9); their results are told on stderr."""
    try:
        replays = run.root.delivery().replay()
    except Exception as error:  # noqa: BLE001 - the new failure goes on whatever happened to the old ones
        run.invocation.warn(f"kept failures were not replayed: {described(error)}")
        return
    run.tell_replays(replays, run.invocation.stderr)
