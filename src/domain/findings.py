"""Problems found in the operator's files or services (B-7): where, what, how to fix it, and how bad.

Loaders and probes build findings where they find the problem; `check` shows them, and an `InvalidInput`
carries one. Nothing classifies a finding by its wording.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """ERROR fails `check` (exit 2); WARNING fails it under `--strict` (exit 1); INFO and OK never do."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OK = "ok"


@dataclass(frozen=True)
class Finding:
    """`location_is_subject`: the problem reads on from the location (`[OPCON API] TOKEN is plain text`),
    so the one line joins them with a space instead of a colon."""

    location: str
    severity: Severity
    message: str
    hint: str = ""
    file: str = ""
    location_is_subject: bool = False

    def line(self) -> str:
        """`<file>: <location>: <problem>`, the one-line shape of B-1.4."""
        said = (f"{self.location} {self.message}",) if self.location_is_subject else (self.location, self.message)
        return ": ".join(part for part in (self.file, *said) if part)


def count(findings: Iterable[Finding], severity: Severity) -> int:
    return sum(1 for finding in findings if finding.severity is severity)
