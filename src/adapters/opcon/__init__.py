"""OpCon REST adapters: `make_opcon_client(connection)` and the DailyJobs / JobLogs ports built on it."""

from summit_connector.adapters.opcon.client import make_opcon_client
from summit_connector.adapters.opcon.daily_jobs import OpConDailyJobs
from summit_connector.adapters.opcon.job_logs import OpConJobLogs

__all__ = ["OpConDailyJobs", "OpConJobLogs", "make_opcon_client"]
