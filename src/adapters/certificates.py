"""A server certificate that fails verification (untrusted, expired, issued to another host) is a setting to fix,
never a failure to retry (B-9.4): both HTTP adapters ask here whether a transport error was one."""

import ssl
from collections.abc import Iterator


def refused_certificate(error: BaseException) -> ssl.SSLCertVerificationError | None:
    """The verification failure behind `error`, following its causes; None when `error` was something else."""
    return next((cause for cause in _causes(error) if isinstance(cause, ssl.SSLCertVerificationError)), None)


def untrusted_certificate(error: BaseException) -> bool:
    """Whether `error` was caused by a server certificate that failed verification."""
    return refused_certificate(error) is not None


def why_refused(failure: ssl.SSLCertVerificationError) -> str:
    """OpenSSL's short reason (`self-signed certificate`, `certificate has expired`, `Hostname mismatch, ...`)."""
    return getattr(failure, "verify_message", None) or str(failure) or "certificate verify failed"


def _causes(error: BaseException | None) -> Iterator[BaseException]:
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__
