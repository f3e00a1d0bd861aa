from enum import IntEnum


class ExitCode(IntEnum):
    """Exit status of every command (B-1.4, B-7)."""

    OK = 0
    KEPT_FOR_RETRY = 1
    WARNINGS = 1
    INVALID_INPUT = 2
    NOT_DELIVERED = 3
