"""OpCon REST adapters: `make_opcon_client(connection)`, the DailyJobs / JobLogs / JobActions ports built on it,
and the `check --online` probe."""

from summit_connector.adapters.opcon.daily_jobs import OpConDailyJobs
from summit_connector.adapters.opcon.job_actions import OpConJobActions
from summit_connector.adapters.opcon.http import make_opcon_client
from summit_connector.adapters.opcon.job_logs import OpConJobLogs
from summit_connector.adapters.opcon.opcon_probe import probe_opcon

__all__ = ["OpConDailyJobs", "OpConJobActions", "OpConJobLogs", "make_opcon_client", "probe_opcon"]
