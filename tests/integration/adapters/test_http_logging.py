"""DEBUG=ON exchange lines (B-8): method, URL, status, ms and bodies, masked (B-6.3); no headers."""

import json
import logging

import httpx
import pytest
import respx

from summit_connector.adapters.transport.http_logging import BODY_LIMIT, LOGGER, log_exchanges

TOKEN, API_KEY = "opcon-token-4711", "summit-key-0815"
URL = "https://summit.example.com/svc"


@pytest.fixture
def lines(caplog):
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    return lambda: [record.getMessage() for record in caplog.records if record.name == LOGGER]


def client(debug: bool = True) -> httpx.Client:
    plain = httpx.Client(headers={"Authorization": f"Token {TOKEN}"})
    return log_exchanges(plain, debug, (TOKEN, API_KEY, ""))


@respx.mock
def test_one_line_per_exchange_with_method_url_status_and_ms_b8(lines):
    respx.post(URL).respond(201, json={"TicketNo": 1})

    client().post(URL, json={"Name": "x"})

    [line] = lines()
    assert line.startswith(f"HTTP POST {URL} -> 201 in ")
    assert ' ms; request: {"Name": "x"}; response: {"TicketNo": 1}' in line


@respx.mock
def test_headers_are_never_logged_and_json_secrets_are_masked_b6_3(lines):
    respx.post(URL).respond(200, json={"TokenID": "session-1"})

    client().post(URL, json={"_ProxyDetails": {"APIKey": API_KEY}})

    [line] = lines()
    assert TOKEN not in line and "Authorization" not in line and "session-1" not in line
    assert '{"_ProxyDetails": {"APIKey": "***"}}' in line


@respx.mock
def test_a_json_string_holding_json_is_masked_inside_b4_9_b6_3(lines):
    respx.post(URL).respond(200, json=json.dumps({"TokenID": "session-1", "TicketNo": 7}))

    client().post(URL, content=b"{}")

    assert lines()[0].endswith('response: {"TokenID": "***", "TicketNo": 7}')


@respx.mock
def test_a_known_secret_anywhere_else_is_blanked_as_a_second_guard_b6_3(lines):
    respx.get(URL).respond(500, text=f"<html>bad key {API_KEY}</html>")

    client().get(URL, params={"echo": TOKEN})

    [line] = lines()
    assert API_KEY not in line and TOKEN not in line
    assert "echo=***" in line and "bad key ***" in line


@respx.mock
def test_long_bodies_are_cut_after_masking_b8(lines):
    respx.post(URL).respond(200, text="ok")

    client().post(URL, content=("x" * BODY_LIMIT + API_KEY).encode())

    [line] = lines()
    assert API_KEY not in line and "summit-key" not in line
    assert f"... ({BODY_LIMIT + 3} characters in all)" in line


@respx.mock
def test_without_debug_nothing_is_logged_b8(lines):
    respx.get(URL).respond(200)

    client(debug=False).get(URL)

    assert lines() == []
