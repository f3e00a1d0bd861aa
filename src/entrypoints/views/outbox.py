"""What `outbox` prints: a table on a terminal; one line per entry otherwise, so the output can be searched.

An uncertain create also says what to look for in Summit, and the two ways on (B-9.2): adopt the incident found,
or create it anyway."""

from collections.abc import Mapping
from typing import TextIO

from summit_connector.application.adopt import LookFor
from summit_connector.application.delivery import CERTIFICATE, uncertain_create
from summit_connector.application.ports import KeptEvent, KeptState
from summit_connector.domain.settling import Settling
from summit_connector.entrypoints.command_line import PROGRAM

_ADVICE = {
    KeptState.PENDING: "replayed by the next report or `summit-connector retry`",
    KeptState.REJECTED: "Summit refused it: fix the template, then `summit-connector retry --rejected`",
    KeptState.UNCERTAIN: "Summit may have created it: every replay looks for it in Summit's incident list and adopts "
                         "what it finds; or look in Summit, then adopt the incident found, or `retry --uncertain` if "
                         "there is none",
}
_CERTIFICATE_ADVICE = ("Summit's TLS certificate was refused: check the template's address.value, [PROXY SERVER] "
                       "(a proxy that inspects TLS) and the CA the machine trusts, then `summit-connector retry "
                       "--rejected`")
_SETTLING = {
    Settling.NONE: "not looked for in Summit's incident list yet",
    Settling.TOO_SOON: "Summit's incident list shows no incident of it yet (looked for again at the next replay)",
    Settling.SEVERAL: "several incidents in Summit's list could be its own: adopt the right one",
    Settling.UNREADABLE: "Summit's incident list could not be read (looked for again at the next replay)",
    Settling.RESENT: "sent again once, and still not in Summit's incident list: look in Summit, then adopt or "
                     "`retry --uncertain`",
}
_COLUMNS = ("id", "state", "kept at", "job", "ticket", "attempts", "last error", "next step", "self-healing")
_LOOK_FOR = ("sent", "for job", "description", "if found", "if none")


def show(stdout: TextIO, entries: list[KeptEvent], look_for: Mapping[int, LookFor] | None = None) -> None:
    """`look_for` holds, by entry id, what to look for in Summit for each uncertain create."""
    look_for = look_for or {}
    if not entries:
        print("The outbox is empty: every failure was delivered.", file=stdout)
    elif stdout.isatty():
        _print_table(stdout, [_row(kept) for kept in entries])
        for kept in entries:
            if kept.id in look_for:
                _print_look_for(stdout, look_for[kept.id])
    else:
        for kept in entries:
            fields = list(zip(_COLUMNS, _row(kept)))
            if kept.id in look_for:
                fields += zip(_LOOK_FOR, _look_for_row(look_for[kept.id]))
            print(" | ".join(f"{name}: {value}" for name, value in fields if value), file=stdout)


def adopt_command(kept_id: int) -> str:
    """TICKET stands for the number found in Summit; pasted as it is, it is refused and changes nothing."""
    return f"{PROGRAM} retry --uncertain --entry {kept_id} --adopt TICKET"


def _print_table(stdout: TextIO, rows: list[list[str]]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(rows)} kept failure(s)")
    for column in _COLUMNS:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    Console(file=stdout, highlight=False).print(table)


def _print_look_for(stdout: TextIO, found: LookFor) -> None:
    print(f"\nOutbox entry {found.kept.id} is uncertain: Summit may have created its incident. Look in Summit for:",
          file=stdout)
    width = max(map(len, _LOOK_FOR))
    for name, value in zip(_LOOK_FOR, _look_for_row(found)):
        print(f"  {name:<{width}}  {value}", file=stdout)


def _look_for_row(found: LookFor) -> list[str]:
    event = found.event
    job = f"{event.job} (schedule {event.schedule}, {event.schedule_date.isoformat()})"
    text = " ".join(found.description.split())
    description = f'"{text}"' if text else f"unknown: {found.unknown_because}"
    return [found.sent_at.isoformat(sep=" ", timespec="seconds"), job, description,
            f"`{adopt_command(found.kept.id)}` (writes its number back to OpCon, attaches the job log)",
            f"`{PROGRAM} retry --uncertain` (creates it, with every other uncertain entry)"]


def _row(kept: KeptEvent) -> list[str]:
    event = kept.event
    job = f"{event.job} ({event.schedule}, {event.schedule_date}, {event.schedule_id}/{event.schedule_instance})"
    return [str(kept.id), kept.state.value, kept.kept_at.isoformat(sep=" ", timespec="seconds"), job,
            kept.ticket_number, str(kept.attempts), kept.last_error, _advice(kept), _self_healing(kept)]


def _advice(kept: KeptEvent) -> str:
    if kept.state is KeptState.REJECTED and kept.cause == CERTIFICATE:
        return _CERTIFICATE_ADVICE
    return _ADVICE[kept.state]


def _self_healing(kept: KeptEvent) -> str:
    """B-15.2: for an uncertain create, why it is still uncertain."""
    if not uncertain_create(kept):
        return ""
    return _SETTLING.get(Settling(kept.settling) if kept.settling in set(Settling) else Settling.NONE, "")
