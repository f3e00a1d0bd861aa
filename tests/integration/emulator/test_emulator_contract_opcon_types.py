"""Contract: the emulated OpCon's field types and date-times are what SMA's Java client can read.

The client is smatechnologies/opcon-rest-api-client-java (model classes under
`src/main/java/com/smatechnologies/opcon/restapiclient/model/`); its dates go through
smatechnologies/opcon-commons-java (`src/main/java/com/smatechnologies/opcon/commons/deserializer/`).
"""

import re
from datetime import datetime, timedelta, timezone
from typing import Any, Iterator

import httpx
import pytest

from summit_connector.adapters.emulator import Emulator

from tests.integration.emulator.emulator_requests import TOKEN

DAY, TIME = r"\d{4}-\d{2}-\d{2}", r"T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})"
ZONED = re.compile(DAY + TIME)
"""`yyyy-MM-dd'T'HH:mm:ss`, 0-7 fractional digits, `XXX`: ZonedDateTimeDeserializer.java and DateDeserializer.java."""
LOCAL_DATE = re.compile(f"{DAY}({TIME})?")
"""`yyyy-MM-dd`, optionally followed by the same time and offset: LocalDateDeserializer.java."""
NOW = datetime(2024, 9, 21, 10, 15, tzinfo=timezone(timedelta(hours=2)))


@pytest.fixture(scope="module")
def opcon(emulator):
    with httpx.Client(base_url=emulator.opcon_url, headers=TOKEN, timeout=5) as client:
        yield client


@pytest.fixture(scope="module")
def fixed_clock():
    with Emulator(clock=lambda: NOW) as running:
        running.seed_samples()
        with httpx.Client(base_url=running.opcon_url, headers=TOKEN, timeout=5) as client:
            yield client


def every_reply(opcon) -> dict[str, Any]:
    """One reply of every OpCon route that answers with a date-time, async ones both submitted and finished."""
    replies = {path: opcon.get(path, params={"includeDocumentation": "true"}).json() for path in (
        "/api/tokens", "/api/servicestatus", "/api/dailyschedules", "/api/dailyjobs")}
    for path, body in (("/api/jobinstanceactions", {"action": "LIST", "jobInstanceActionItems": [{"id": 4245}]}),
                       ("/api/jobactions", {"action": "markUnderReview", "jobs": [{"id": "20240921|16|1|JOB001"}]})):
        submitted = opcon.post(path, json=body).json()
        replies[f"POST {path}"] = submitted
        replies[f"GET {path}"] = [opcon.get(f"{path}/{submitted['id']}").json() for _ in range(2)]
    return replies


def date_times(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every string that starts like a date-time, with the key path it sits at."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from date_times(item, f"{where}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from date_times(item, f"{where}[]")
    elif isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}T", value):
        yield where, value


def test_every_date_time_the_emulator_sends_carries_a_utc_offset(opcon):
    """opcon-commons-java `deserializer/ZonedDateTimeDeserializer.java`, `deserializer/DateDeserializer.java` and
    `deserializer/LocalDateDeserializer.java` reject a date-time without an offset."""
    found = [(f"{route}{where}", text) for route, reply in every_reply(opcon).items()
             for where, text in date_times(reply)]

    wrong = [(where, text) for where, text in found
             if not (LOCAL_DATE if where.endswith(".date") else ZONED).fullmatch(text)]
    assert wrong == []
    assert {where.split(".")[-1] for where, _ in found} >= {"validFrom", "validUntil", "timeStamp", "expires", "date"}


def test_token_validity_is_an_offset_date_time(fixed_clock):
    """opcon-rest-api-client-java `model/Token.java`: validFrom and validUntil are ZonedDateTime."""
    token = fixed_clock.get("/api/tokens").json()

    assert token["validFrom"] == "2024-09-21T10:15:00.0000000+02:00"
    assert token["validUntil"] == "2025-09-21T10:15:00.0000000+02:00"


def test_service_status_time_stamp_is_an_offset_date_time(fixed_clock):
    """opcon-rest-api-client-java `model/ServiceStatus.java`: timeStamp is a Date (read by DateDeserializer)."""
    status = fixed_clock.get("/api/servicestatus").json()

    assert status == {"timeStamp": "2024-09-21T10:15:00.0000000+02:00", "running": True}


@pytest.mark.parametrize(("path", "body"), [
    ("/api/jobinstanceactions", {"action": "LIST", "jobInstanceActionItems": [{"id": 4245}]}),
    ("/api/jobactions", {"action": "markUnderReview", "jobs": [{"id": "20240921|16|1|JOB001"}]})])
def test_an_async_action_expires_at_an_offset_date_time(fixed_clock, path, body):
    """opcon-rest-api-client-java `model/JobInstanceAction.java` and `model/JobAction.java`: expires is a Date."""
    submitted = fixed_clock.post(path, json=body).json()

    assert submitted["expires"] == "2024-09-21T11:15:00.0000000+02:00"


def test_a_daily_schedule_has_an_integer_work_week_and_numeric_ids(opcon):
    """opcon-rest-api-client-java `model/DailySchedule.java`: uid, masterId, instance and workWeek are Integer
    (workWeek is the schedule's Workdays per Week, 5, 6 or 7: smatechnologies/opcon-docs
    `docs/utilities/SMA-Dynamic-Data-Input/Data-Input-Message-Elements.md`, `<skdwkdays>`)."""
    schedule = opcon.get("/api/dailyschedules", params={"ids": "20240921|16|1"}).json()[0]

    assert schedule["workWeek"] == 5
    assert all(type(schedule[key]) is int for key in ("uid", "masterId", "instance", "workWeek"))
    assert LOCAL_DATE.fullmatch(schedule["date"])


def test_a_daily_job_embeds_the_same_schedule_and_numeric_keys(opcon):
    """opcon-rest-api-client-java `model/dailyjob/DailyJob.java`: uid and jobNumber are Integer, tags a list of
    String, schedule a DailySchedule."""
    job = opcon.get("/api/dailyjobs", params={"ids": "20240921|16|1|JOB001"}).json()[0]

    assert (type(job["uid"]), type(job["jobNumber"]), job["schedule"]["workWeek"]) == (int, int, 5)
    assert all(isinstance(tag, str) for tag in job["tags"])
