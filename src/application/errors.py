"""Named failures the report flow raises; the CLI maps them to exit codes and one-line messages."""


class ConnectorError(Exception):
    """Base of every expected failure."""


class InvalidInput(ConnectorError):
    """Arguments, Connector.config or template are wrong; nothing was sent (exit 2)."""


class OpConUnavailable(ConnectorError):
    """OpCon could not be reached or answered with a transient failure (timeout, 5xx)."""


class OpConError(ConnectorError):
    """OpCon answered with a refusal that retrying will not fix (401 invalid token, 400, 403)."""


class SummitUnavailable(ConnectorError):
    """Summit could not be reached or answered with a transient failure."""


class SummitRejected(ConnectorError):
    """Summit answered and refused the request (`Errors` set, no ticket number)."""


class DeliveryFailed(ConnectorError):
    """The report did not complete; `ticket_number` says whether the incident already exists in Summit."""

    def __init__(self, message: str, cause: ConnectorError, ticket_number: str = "") -> None:
        super().__init__(message)
        self.cause = cause
        self.ticket_number = ticket_number
