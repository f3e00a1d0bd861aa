"""DEBUG=ON exchange lines (B-8): method, URL, status, ms and bodies, masked (B-6.3); no headers."""

import gzip
import json
import logging
import tracemalloc

import httpx
import pytest
import respx

from summit_connector.adapters.transport.http_logging import BODY_LIMIT, LOGGER, WINDOW, log_exchanges

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


def chunks(count: int, size: int = 64 * 1024):
    """A reply body made while it is sent: `count` pieces of `size` bytes, never all in memory at once."""
    yield b'{"data": "'
    for _ in range(count):
        yield b"y" * size
    yield b'"}'


@respx.mock
def test_a_streamed_reply_is_logged_when_closed_without_reading_it_whole_b8(lines):
    respx.get(URL).mock(return_value=httpx.Response(200, content=chunks(320)))
    tracemalloc.start()

    with client().stream("GET", URL) as response:
        assert not response.is_stream_consumed and lines() == []
        received = sum(len(piece) for piece in response.iter_bytes())
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    [line] = lines()
    assert received == 320 * 64 * 1024 + 12
    assert peak < 2 * 1024 * 1024
    assert line.endswith(f'response: {{"data": "{"y" * (BODY_LIMIT - 10)}... ({received} bytes in all)')


@respx.mock
def test_a_reply_closed_half_read_is_logged_with_what_was_read_b8(lines):
    respx.get(URL).mock(return_value=httpx.Response(200, content=chunks(10)))

    with client().stream("GET", URL) as response:
        next(response.iter_raw())

    [line] = lines()
    assert line.endswith('response: {"data": "... (10 bytes read, then closed)')


@respx.mock
def test_a_large_json_body_cut_short_is_still_masked_by_key_b6_3(lines):
    respx.post(URL).respond(200, text="ok")
    body = {"_ProxyDetails": {"APIKey": "unknown-key-1"}, "Description": "d" * (4 * WINDOW)}

    client().post(URL, json=body)

    [line] = lines()
    assert "unknown-key-1" not in line
    assert 'request: {"_ProxyDetails":{"APIKey":"***"},"Description":"ddd' in line
    assert f"... ({len(json.dumps(body, separators=(',', ':')))} bytes in all); response: ok" in line


@respx.mock
def test_a_known_secret_cut_at_the_window_edge_never_shows_b6_3(lines):
    respx.post(URL).respond(200, text="ok")
    masked_away = '{"Password": "' + "p" * (WINDOW - 200) + '", "Note": "'
    body = masked_away + "n" * (WINDOW - len(masked_away) - 6) + API_KEY

    client().post(URL, content=body.encode())

    [line] = lines()
    request = line.split("; request: ")[1].split("; response: ")[0]
    assert request.startswith('{"Password": "***", "Note": "nnn')
    assert API_KEY[:6] not in request and request.endswith(f"n... ({len(body)} bytes in all)")


@respx.mock
def test_a_gzip_reply_is_shown_inflated_and_masked_b8(lines):
    reply = gzip.compress(json.dumps({"TokenID": "session-1", "TicketNo": 7}).encode())
    respx.get(URL).respond(200, content=reply, headers={"Content-Encoding": "gzip"})

    client().get(URL)

    assert lines()[0].endswith('response: {"TokenID": "***", "TicketNo": 7}')


def test_a_reply_that_arrived_read_already_is_logged_at_once_b8(lines):
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={"TokenID": "session-1"}))
    plain = httpx.Client(transport=transport)

    log_exchanges(plain, True, (TOKEN,)).get(URL)

    assert lines() == [f'HTTP GET {URL} -> 200 in 0 ms; request: (empty); response: {{"TokenID": "***"}}']
