"""`summit-connector retry [--rejected] [--uncertain [--adopt TICKET [--entry ID]]]`: replays kept failures, oldest
first (B-9); with `--adopt`, the incident Summit did create for an uncertain entry is taken instead (B-9.2)."""

from summit_connector.application.adopt import AdoptSubject, NotAdoptable
from summit_connector.application.ports import KeptState
from summit_connector.entrypoints.arguments import ArgumentError
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.invocation import Invocation
from summit_connector.entrypoints.run import Run, acting


def run(invocation: Invocation) -> ExitCode:
    args = invocation.args
    if _adopting(args):
        return acting(invocation, "retry", None, lambda run: _adopt(run, args.adopt, args.entry))
    states = {KeptState.PENDING}
    states |= {KeptState.REJECTED} if args.rejected else set()
    states |= {KeptState.UNCERTAIN} if args.uncertain else set()
    return acting(invocation, "retry", None, lambda run: _replay(run, states))


def _replay(run: Run, states: set[KeptState]) -> ExitCode:
    replays = run.root.delivery().replay(states)
    run.tell_replays(replays, run.invocation.stdout)
    if not replays:
        print("Nothing to replay.", file=run.invocation.stdout)
    return ExitCode.INCOMPLETE if any(r.outcome is None for r in replays) else ExitCode.OK


def _adopting(args) -> bool:
    """`--adopt` is one uncertain entry's exit, never mixed with replays of other states."""
    adopt, entry = getattr(args, "adopt", None), getattr(args, "entry", None)
    if adopt is None:
        if entry is not None:
            raise ArgumentError("--entry: names the uncertain entry --adopt TICKET is for; give --adopt too")
        return False
    if not args.uncertain:
        raise ArgumentError("--adopt: only an uncertain entry can adopt an incident; give --uncertain too")
    if args.rejected:
        raise ArgumentError("--adopt: adopts for one uncertain entry; run `retry --rejected` on its own")
    return True


def _adopt(run: Run, ticket: str, entry: int | None) -> ExitCode:
    try:
        adoption = run.root.adopt()(ticket, entry)
    except NotAdoptable as refused:
        raise ArgumentError(_worded(refused)) from refused
    run.tell_adoption(adoption)
    return ExitCode.OK if adoption.outcome is not None else ExitCode.INCOMPLETE


def _worded(refused: NotAdoptable) -> str:
    """The refusal in the command line's words: the flag that was wrong, and the flag that would settle it."""
    flag = f"--entry {refused.kept_id}" if refused.subject is AdoptSubject.ENTRY else "--adopt"
    return f"{flag}: {refused}" + (" with --entry ID" if refused.entry_needed else "")
