"""The application layer other OpCon tooling embeds: the report use case, its ports and its errors.

    from summit_connector.application import ReportFailure
    journal = InMemoryJournal()  # summit_connector.adapters.memory: every state port in memory
    report = ReportFailure(daily_jobs, incidents, job_logs, clock, template, policy, intents=journal,
                           job_incidents=journal, groups=journal, silences=InMemorySilences())
    outcome = report(event)

Names are loaded on first use, so importing one error does not load the whole flow (a fast `--help`).
"""

from importlib import import_module

_HOMES = {
    "errors": ("ConnectorError", "DeliveryFailed", "InvalidInput", "OpConError", "OpConUnavailable",
               "SummitRejected", "SummitUnavailable"),
    "ports": ("Clock", "CreateIntents", "DailyJobs", "GroupIncidents", "Incidents", "JobIncidents", "JobLocks",
              "JobLogs", "Outbox", "Silences", "SyncTracking"),
    "report": ("Action", "ReportFailure", "ReportOutcome"),
    "delivery": ("Delivery", "KeptForRetry"),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}
__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> object:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
