"""`summit-connector check --online` against the emulator (B-7): one row per probe, errors exit 2."""

TEMPLATE = "templates/sandbox.json"


def check_online(sandbox, *extra: str, env: dict[str, str] | None = None):
    return sandbox.run("check", "-c", str(sandbox.config), "--online", *extra, env=env)


def test_every_probe_reports_ok_against_a_working_sandbox_b_7(sandbox):
    run = check_online(sandbox)

    assert run.code == 0, run.stdout + run.stderr
    assert f"ok: {sandbox.config}: [OPCON API] ADDRESS: OpCon REST API 21.2.0-emulator answers at" in run.stdout
    assert f"ok: {sandbox.config}: [OPCON API] TOKEN: OpCon accepts the token" in run.stdout
    assert f"ok: {TEMPLATE}: credentials.apiKey: Summit at {sandbox.emulator.summit_url} accepts" in run.stdout


def test_each_probe_is_one_request_b_7(sandbox):
    check_online(sandbox)

    counts = sandbox.emulator.state.counters
    assert counts["opcon:GET api/version"] == counts["opcon:GET api/tokens"] == 1
    assert counts["summit:IM_GetIncidentDetailsAndChangeHistory"] == 1


def test_a_wrong_token_and_a_wrong_key_are_errors_that_never_show_them_b_7_b_6_3(sandbox):
    env = {"SUMMIT_CONNECTOR_OPCON_TOKEN": "wrong-token", "SUMMIT_CONNECTOR_SUMMIT_API_KEY": "wrong-key"}

    run = check_online(sandbox, env=env)

    refused = "[OPCON API] TOKEN was refused by OpCon (HTTP 401 on GET /api/tokens)"
    assert f"error: {sandbox.config}: [OPCON API] TOKEN: {refused}" in run.stdout
    assert f"error: {TEMPLATE}: credentials.apiKey: Summit refused the API key" in run.stdout
    assert "wrong-token" not in run.stdout + run.stderr
    assert "wrong-key" not in run.stdout + run.stderr
    assert run.code == 2


def test_summit_down_is_an_unreachable_error_b_7(sandbox):
    sandbox.emulator.faults.down("summit")

    run = check_online(sandbox)

    assert f"error: {TEMPLATE}: address.value: Summit IM_GetIncidentDetailsAndChangeHistory:" in run.stdout
    assert "is unreachable" in run.stdout
    assert run.code == 2


def test_opcon_down_is_one_unreachable_error_without_a_token_probe_b_7(sandbox):
    sandbox.emulator.faults.down("opcon")

    run = check_online(sandbox)

    assert f"error: {sandbox.config}: [OPCON API] ADDRESS: OpCon GET /api/version could not be reached" in run.stdout
    assert "[OPCON API] TOKEN: OpCon" not in run.stdout
    assert run.code == 2


def test_without_online_nothing_is_sent(sandbox):
    run = sandbox.run("check", "-c", str(sandbox.config))

    assert run.code == 0, run.stdout
    assert "ok:" not in run.stdout
    assert not sandbox.emulator.state.counters
