"""masked() and create_envelope(): what DEBUG logs and `explain` may show (B-6.3, B-7)."""

from summit_connector.adapters.summit import create_envelope, masked, serialise
from summit_connector.domain.template import CustomAttribute
from summit_connector.domain.template import SummitOptions

from tests.integration.adapters.summit_samples import API_KEY, make_incident


def test_masked_hides_the_api_key_in_a_create_envelope_and_keeps_the_rest_b_6_3():
    envelope = create_envelope(make_incident(), API_KEY, SummitOptions())

    shown = masked(envelope)

    assert shown["objCommonParameters"]["_ProxyDetails"]["APIKey"] == "***"
    assert API_KEY not in serialise(shown).decode()
    assert shown["objCommonParameters"]["incidentParamsJSON"] == envelope["objCommonParameters"]["incidentParamsJSON"]


def test_masked_hides_secret_looking_keys_at_any_depth_and_in_lists_whatever_their_case_b_6_3():
    payload = {
        "apikey": "a",
        "outer": {"Password": "b", "items": [{"TokenID": "c"}, {"authorization": "Token d"}, "plain"]},
        "API_KEY": "e",
        "Name": "kept",
    }

    shown = masked(payload)

    assert shown == {
        "apikey": "***",
        "outer": {"Password": "***", "items": [{"TokenID": "***"}, {"authorization": "***"}, "plain"]},
        "API_KEY": "***",
        "Name": "kept",
    }


def test_masked_leaves_empty_secrets_visible_and_the_original_untouched_b_6_3():
    payload = {"_ProxyDetails": {"APIKey": "", "TokenID": None, "Password": "p"}}

    shown = masked(payload)

    assert shown == {"_ProxyDetails": {"APIKey": "", "TokenID": None, "Password": "***"}}
    assert payload["_ProxyDetails"]["Password"] == "p"


def test_create_envelope_is_the_exact_body_create_sends_b_4_9_b_7():
    incident = make_incident(custom_fields=(CustomAttribute("G", "N", "V"),))

    envelope = create_envelope(incident, API_KEY, SummitOptions(org_id=3))

    assert envelope["ServiceName"] == "IM_LogOrUpdateIncident"
    assert envelope["objCommonParameters"]["_ProxyDetails"]["OrgID"] == 3
    assert envelope["objCommonParameters"]["RequestType"] == "RemoteCall"
    container = envelope["objCommonParameters"]["incidentParamsJSON"]["IncidentContainerJsonObj"]
    assert container["CustomFields"] == [{"GroupName": "G", "Name": "N", "Value": "V"}]
