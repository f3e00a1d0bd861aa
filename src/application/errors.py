"""Named failures the report flow raises; the CLI maps them to exit codes and one-line messages.

Errors are data: what a caller needs to know (the HTTP status, the service, the finding) is a field, never
something to parse back out of the message.
"""

from summit_connector.domain.findings import Finding, Severity


class ConnectorError(Exception):
    """Base of every expected failure. `status_code` is the remote answer's HTTP status when there was one;
    `service` names the remote call (e.g. `GET /api/dailyjobs`, `IM_LogOrUpdateIncident`)."""

    status_code: int | None = None
    service: str = ""


def described(error: BaseException) -> str:
    """Our errors say what happened; others are named by type only, as their text may quote a secret."""
    return str(error) if isinstance(error, ConnectorError) else f"unexpected {type(error).__name__}"


class InvalidInput(ConnectorError):
    """Arguments, Connector.config or template are wrong; nothing was sent (exit 2).

    It carries its finding (file, location, problem, hint); `str()` is the one line people read.
    """

    def __init__(self, problem: "str | Finding", also: "tuple[Finding, ...]" = ()) -> None:
        self.finding = problem if isinstance(problem, Finding) else Finding("", Severity.ERROR, problem)
        self.also = also
        super().__init__(self.finding.line())

    @property
    def findings(self) -> "tuple[Finding, ...]":
        """Every problem found in the input, the first first (B-16.4: `check` lists them all)."""
        return (self.finding, *self.also)


class Transient(ConnectorError):
    """A failure worth retrying; `retry_after` is the server's Retry-After in seconds, when it gave one.

    `maybe_processed`: the request reached the server, which may have acted on it before the failure
    (a read timeout, a 500/502/504, a connection dropped mid-reply). Repeating a create then risks a duplicate.
    """

    def __init__(self, message: str, retry_after: float | None = None, maybe_processed: bool = False,
                 status_code: int | None = None, service: str = "") -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.maybe_processed = maybe_processed
        self.status_code = status_code
        self.service = service


class OpConUnavailable(Transient):
    """OpCon could not be reached or answered with a transient failure (timeout, 429, 5xx)."""


class OpConError(ConnectorError):
    """OpCon answered with a refusal that retrying will not fix (401 invalid token, 400, 403).

    `certificate_refused`: OpCon's TLS certificate failed verification (B-9.4); no request was sent.
    """

    def __init__(self, message: str, status_code: int | None = None, service: str = "",
                 certificate_refused: bool = False) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.service = service
        self.certificate_refused = certificate_refused


class SummitUnavailable(Transient):
    """Summit could not be reached or answered with a transient failure (timeout, 429, 5xx)."""


class SummitRejected(ConnectorError):
    """Summit answered and refused the request (`Errors` set), or answered 2xx with nothing we can read.

    `maybe_processed`: a 2xx reply without a readable ticket number, or not JSON at all (a sign-in page); Summit may
    have logged the incident.
    `certificate_refused`: Summit's (or the proxy's) TLS certificate failed verification (B-9.4); nothing was sent.
    """

    def __init__(self, message: str, maybe_processed: bool = False, status_code: int | None = None,
                 service: str = "", certificate_refused: bool = False) -> None:
        super().__init__(message)
        self.maybe_processed = maybe_processed
        self.status_code = status_code
        self.service = service
        self.certificate_refused = certificate_refused


class IncidentHeldBack(ConnectorError):
    """No new incident is created while an earlier failure of the same job may already have created one."""


class RecoveryHeldBack(ConnectorError):
    """A recovery waits while earlier events of the same job are kept, so it reaches the incident they make."""


class DeliveryFailed(ConnectorError):
    """The report did not complete; `ticket_number` says whether the incident already exists in Summit.

    `incident_may_exist`: a create failed in a way Summit may have acted on, so the incident may exist
    without our knowing its number.
    """

    def __init__(self, message: str, cause: ConnectorError, ticket_number: str = "",
                 incident_may_exist: bool = False) -> None:
        super().__init__(message)
        self.cause = cause
        self.ticket_number = ticket_number
        self.incident_may_exist = incident_may_exist


class OutboxUnavailable(ConnectorError):
    """The outbox could not store or read an entry."""


class LockTimeout(ConnectorError):
    """Another run held the job's lock for too long."""


class LockUnavailable(ConnectorError):
    """The job's lock file cannot be created or opened (an unwritable install folder); the run goes ahead without
    it (B-9.3)."""
