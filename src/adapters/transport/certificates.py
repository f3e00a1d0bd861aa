"""A server certificate that fails verification (untrusted, expired, issued to another host) is a setting to fix,
never a failure to retry (B-9.4): both HTTP adapters ask here whether a transport error was one."""

import ssl
from collections.abc import Iterator
from functools import cache
from pathlib import Path


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


def tls_context(ca_bundle: Path | None = None) -> ssl.SSLContext:
    """The verifying TLS context of every client that needs one, made once per process and per CA bundle: loading
    the CA certificates costs about 20 ms each time. Without `ca_bundle`, the trust store httpx uses by default.
    Raises OSError or ssl.SSLError when `ca_bundle` cannot be used."""
    return _loaded_context(ca_bundle)


@cache
def _loaded_context(ca_bundle: Path | None) -> ssl.SSLContext:
    if ca_bundle is not None:
        return ssl.create_default_context(cafile=str(ca_bundle))
    import httpx

    return httpx.create_ssl_context()


def plain_http_context() -> ssl.SSLContext:
    """For a client that only ever speaks plain `http://`: no CA certificates are loaded, and it still verifies,
    so anything that did turn to TLS would be refused rather than trusted."""
    return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def context_for(url: str, ca_bundle: Path | None = None, verify: bool = True) -> ssl.SSLContext | bool:
    """What a client reaching `url` (its base URL or its proxy, whichever is https) is given as `verify`."""
    if not verify:
        return False
    if not url.lower().startswith("https:"):
        return plain_http_context()
    return tls_context(ca_bundle)
