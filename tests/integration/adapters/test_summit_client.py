"""make_summit_client: URL paths joined below address.value, JSON headers, timeout and proxy (B-3.3, B-2.3)."""

import httpx
import pytest

from summit_connector.adapters.summit import make_summit_client

from tests.integration.adapters.summit_samples import (
    INCIDENT_PATH,
    INCIDENT_URL,
    logged_reply,
    make_connection,
    make_incident,
    make_incidents,
    summit_mock,
)


@pytest.mark.parametrize("base", ["https://summit.example.com/tenant1", "https://summit.example.com/tenant1/"])
@pytest.mark.parametrize("path", ["REST/Summit_RESTWCF.svc/RESTService/X", "/REST/Summit_RESTWCF.svc/RESTService/X"])
def test_url_paths_are_joined_below_a_base_url_with_a_path_prefix_b_3_3(base, path):
    connection = make_connection(base_url=base, incident_path=path)

    with summit_mock() as summit:
        route = summit.post("https://summit.example.com/tenant1/REST/Summit_RESTWCF.svc/RESTService/X").respond(
            json=logged_reply()
        )
        make_incidents(connection).create(make_incident())

    assert route.called


@pytest.mark.parametrize("path", [INCIDENT_PATH, "/" + INCIDENT_PATH])
def test_url_paths_are_joined_to_a_bare_host_with_or_without_a_leading_slash_b_3_3(path):
    with summit_mock() as summit:
        route = summit.post(INCIDENT_URL).respond(json=logged_reply())
        make_incidents(make_connection(incident_path=path)).create(make_incident())

    assert route.called


def test_a_lab_address_with_http_and_a_port_is_kept_b_3_3():
    connection = make_connection(base_url="http://localhost:8099/summit", incident_path="/REST/Call")

    with summit_mock() as summit:
        route = summit.post("http://localhost:8099/summit/REST/Call").respond(json=logged_reply())
        make_incidents(connection).create(make_incident())

    assert route.called


def test_client_sends_and_accepts_json_b_4_9():
    client = make_summit_client(make_connection())

    assert client.headers["Content-Type"] == "application/json"
    assert client.headers["Accept"] == "application/json"


def test_client_timeout_comes_from_the_connection_b_2_3():
    client = make_summit_client(make_connection(timeout_seconds=12.5))

    assert client.timeout == httpx.Timeout(12.5)


def test_client_goes_through_the_configured_proxy_b_2_1():
    client = make_summit_client(make_connection(proxy_url="http://proxy.example:3128"))

    pool = client._transport_for_url(httpx.URL(INCIDENT_URL))._pool  # no public accessor for the proxy in httpx
    assert (pool._proxy_url.host, pool._proxy_url.port) == (b"proxy.example", 3128)
