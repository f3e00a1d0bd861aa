"""What `demo` shows: each step of the story and what Summit and OpCon hold after it. A record only: the
command reads the embedded emulator into it, the view prints it."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Holdings:
    """The incident as Summit holds it, the daily job as OpCon holds it, and the files attached."""

    ticket: str
    incident: tuple[tuple[str, str], ...]
    job_id: str
    job: tuple[tuple[str, str], ...]
    attachments: tuple[tuple[str, int, str], ...] = ()


@dataclass(frozen=True)
class Step:
    title: str
    said: tuple[str, ...]
    holdings: Holdings
    warnings: tuple[str, ...] = field(default=())
