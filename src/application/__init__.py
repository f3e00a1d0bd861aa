"""The application layer other OpCon tooling embeds: the report use case, its ports and its errors.

    from summit_connector.application import ReportFailure
    outcome = ReportFailure(daily_jobs, incidents, job_logs, clock, template, settings)(event)
"""

from summit_connector.application.errors import (
    ConnectorError,
    DeliveryFailed,
    InvalidInput,
    OpConError,
    OpConUnavailable,
    SummitRejected,
    SummitUnavailable,
)
from summit_connector.application.ports import Clock, DailyJobs, Incidents, JobLogs
from summit_connector.application.report import Action, ReportFailure, ReportOutcome

__all__ = [
    "Action",
    "Clock",
    "ConnectorError",
    "DailyJobs",
    "DeliveryFailed",
    "Incidents",
    "InvalidInput",
    "JobLogs",
    "OpConError",
    "OpConUnavailable",
    "ReportFailure",
    "ReportOutcome",
    "SummitRejected",
    "SummitUnavailable",
]
