"""Exit status of every command (B-1.4, B-7), and the one mapping from an error to it."""

from enum import IntEnum, unique

from summit_connector.application.errors import InvalidInput


@unique
class ExitCode(IntEnum):
    OK = 0
    INCOMPLETE = 1
    """Not all done, nothing lost: the event is kept for retry (report, retry), or `check --strict` warns."""
    INVALID_INPUT = 2
    NOT_DELIVERED = 3


def exit_code_for(error: BaseException) -> ExitCode:
    """Invalid input is 2; an event kept for retry is 1; anything else that stops a command is 3."""
    from summit_connector.application.delivery import KeptForRetry

    if isinstance(error, InvalidInput):
        return ExitCode.INVALID_INPUT
    if isinstance(error, KeptForRetry):
        return ExitCode.INCOMPLETE
    return ExitCode.NOT_DELIVERED
