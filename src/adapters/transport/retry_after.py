"""Reads an HTTP Retry-After header: seconds, or an HTTP date measured against the reply's own Date header."""

from email.utils import parsedate_to_datetime

import httpx


def retry_after_seconds(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
        sent = parsedate_to_datetime(response.headers.get("Date", ""))
        return max((moment - sent).total_seconds(), 0.0)
    except (TypeError, ValueError):
        return None
