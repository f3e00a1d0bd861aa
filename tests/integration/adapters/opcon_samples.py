"""Sample OpCon replies and factories for the OpCon adapter tests (shapes from the reference, §4.1 and §7)."""

from datetime import date
from typing import Any

import httpx

from summit_connector.adapters.opcon.http import OpConConnection
from summit_connector.adapters.opcon import make_opcon_client
from summit_connector.domain.model import DailyJob, Documentation, FailureEvent

BASE = "https://opcon.example:9010"
TOKEN = "5e3c1f0a-7d1b-4c9e-a2f4-0b7f6d2e9c11"
SCHEDULE = "Pay Roll$0002[Month End]"
JOB = "Pay Job [Sub] $1"
SCHEDULE_ROW_ID = "20240921|16|2"
JOB_ID = f"{SCHEDULE_ROW_ID}|{JOB}"


def opcon_client(**overrides: Any) -> httpx.Client:
    return make_opcon_client(OpConConnection(**{"base_url": BASE, "token": TOKEN, **overrides}))


def make_event(**overrides: Any) -> FailureEvent:
    values = dict(
        agent="WINAGENT01",
        schedule=SCHEDULE,
        job=JOB,
        termination="+000000001:0000:N",
        schedule_date=date(2024, 9, 21),
        schedule_id=16,
        schedule_instance=2,
    )
    return FailureEvent(**{**values, **overrides})


def make_job(**overrides: Any) -> DailyJob:
    values = dict(id=JOB_ID, uid=884422, name=JOB, job_number=4245)
    return DailyJob(**{**values, **overrides})


def schedule_row(row_id: str = SCHEDULE_ROW_ID, master_id: int = 16, instance: int = 2, name: str = SCHEDULE) -> dict:
    return {"id": row_id, "uid": 77, "masterId": master_id, "instance": instance, "name": name, "path": name}


def job_row(name: str = JOB, schedule_id: str = SCHEDULE_ROW_ID, **overrides: Any) -> dict:
    row = {
        "id": f"{schedule_id}|{name}",
        "uid": 884422,
        "uniqueJobId": "Pay Roll|Pay Job",
        "name": name,
        "schedule": {"id": schedule_id, "masterId": int(schedule_id.split("|")[1]), "instance": 2, "name": SCHEDULE},
        "jobType": {"id": 3, "description": "Windows"},
        "status": {"id": 910, "description": "Failed", "category": "Failed"},
        "tags": ["APP1_ROUTE1", "WRKGRP_DevOps"],
        "incidentTicketId": "4711",
        "incidentTicketURL": "https://summit.example/view?ID=4711",
        "documentation": {"id": 3, "job": "Call the payroll team.", "frequency": "Daily"},
        "jobNumber": 4245,
    }
    return {**row, **overrides}


def action(action_id: int, result: str, verb: str = "LIST", **item: Any) -> dict:
    return {
        "id": action_id,
        "action": verb,
        "result": result,
        "jobInstanceActionItems": [{"id": 4245, "result": result, **item}],
        "expires": "2024-09-21T10:15:00.0000000+02:00",
    }


DOCUMENTED_JOB = DailyJob(
    id=JOB_ID,
    uid=884422,
    name=JOB,
    job_number=4245,
    tags=("APP1_ROUTE1", "WRKGRP_DevOps"),
    incident_ticket_id="4711",
    documentation=Documentation("Call the payroll team.", 3, "Daily"),
)
