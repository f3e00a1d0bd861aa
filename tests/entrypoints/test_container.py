"""The composition root's seam (style point 7): ports are overridden on the container, never the use case."""

from datetime import date, datetime

from summit_connector.adapters.clock import FixedClock
from summit_connector.adapters.memory import InMemoryDailyJobs, InMemoryIncidents, InMemoryJobLogs
from summit_connector.domain.model import DailyJob, FailureEvent
from summit_connector.entrypoints.container import bootstrap

from tests.entrypoints.cli_harness import write_config, write_template

EVENT = FailureEvent("WINAGENT01", "PAYROLL", "JOB001", "-1", date(2024, 9, 21), 16, 1)


def test_the_report_use_case_runs_on_ports_overridden_on_the_container(tmp_path):
    write_config(tmp_path)
    write_template(tmp_path, rules={"includeJobLogAttachment": True, "includeWorkGroupNameTag": True})
    container = bootstrap(tmp_path / "Connector.config", {})
    daily_jobs = InMemoryDailyJobs([DailyJob(EVENT.job_key, 7, "JOB001", tags=("WRKGRP_Payroll",))])
    incidents = InMemoryIncidents()
    container.daily_jobs.override(daily_jobs)
    container.templates().named("basic.json").incidents.override(incidents)
    container.job_logs.override(InMemoryJobLogs())
    container.clock.override(FixedClock(datetime(2024, 9, 21, 3, 0)))

    outcome = container.templates().named("basic.json").report()(EVENT)

    assert list(incidents.created) == [outcome.ticket_number] == ["1001"]
    assert dict(incidents.created["1001"].attributes)["Assigned_WorkGroup_Name"] == "Payroll"
    assert daily_jobs.tickets[7][0] == "1001"
