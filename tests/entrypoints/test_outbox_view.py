"""What `outbox` says for each kept entry (B-9.2, B-9.4, B-15.2): the next step follows what refused it, and an
uncertain create says where self-healing stands."""

import io
from datetime import datetime

from summit_connector.application.delivery import CERTIFICATE
from summit_connector.application.ports import KeptEvent, KeptState
from summit_connector.domain.settling import Settling
from summit_connector.entrypoints.views.outbox import show

from tests.unit.factories import make_event

KEPT_AT = datetime(2024, 9, 21, 3, 0)


def shown(*entries: KeptEvent) -> str:
    stream = io.StringIO()
    show(stream, list(entries))
    return stream.getvalue()


def test_a_refused_summit_certificate_names_the_address_and_proxy_not_the_template_fields_b_9_4():
    refused = KeptEvent(1, make_event(), "basic", KEPT_AT, state=KeptState.REJECTED, cause=CERTIFICATE,
                        last_error="the certificate of https://summit.example failed verification")
    rejected = KeptEvent(2, make_event(job="JOB002"), "basic", KEPT_AT, state=KeptState.REJECTED,
                         last_error="Category_Name is not valid")

    first, second = shown(refused, rejected).splitlines()

    assert "address.value, [PROXY SERVER]" in first and "fix the template" not in first
    assert "fix the template" in second


def test_an_uncertain_create_says_where_self_healing_stands_b_15_2():
    waiting = KeptEvent(1, make_event(), "basic", KEPT_AT, state=KeptState.UNCERTAIN, settling=Settling.TOO_SOON)
    several = KeptEvent(2, make_event(job="JOB002"), "basic", KEPT_AT, state=KeptState.UNCERTAIN,
                        settling=Settling.SEVERAL)
    fresh = KeptEvent(3, make_event(job="JOB003"), "basic", KEPT_AT, state=KeptState.UNCERTAIN)

    lines = shown(waiting, several, fresh).splitlines()

    assert "self-healing: Summit's incident list shows no incident of it yet" in lines[0]
    assert "self-healing: several incidents in Summit's list could be its own" in lines[1]
    assert "self-healing: not looked for in Summit's incident list yet" in lines[2]
