"""What `check` reports (B-7): one finding per problem, with where it is and how to fix it."""

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
    location: str
    severity: Severity
    message: str
    hint: str = ""
    file: str = ""


def count(findings: Iterable[Finding], severity: Severity) -> int:
    return sum(1 for finding in findings if finding.severity is severity)
