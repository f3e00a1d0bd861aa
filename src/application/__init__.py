"""The application layer other OpCon tooling embeds: the report use case, its ports and its errors.

    from summit_connector.application import ReportFailure
    outcome = ReportFailure(daily_jobs, incidents, job_logs, clock, template, policy)(event)

Names are loaded on first use, so importing one error does not load the whole flow (a fast `--help`).
"""

from importlib import import_module

_HOMES = {
    "errors": ("ConnectorError", "DeliveryFailed", "InvalidInput", "OpConError", "OpConUnavailable",
               "SummitRejected", "SummitUnavailable"),
    "ports": ("Clock", "DailyJobs", "Incidents", "JobLogs", "JobLocks", "Outbox"),
    "report": ("Action", "ReportFailure", "ReportOutcome"),
    "delivery": ("Delivery", "KeptForRetry"),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}
__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> object:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
