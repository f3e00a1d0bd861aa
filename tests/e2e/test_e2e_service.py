"""The resident service (B-14) with a real `serve` process against the emulator: the unchanged command line hands
its run over and prints what an inline run prints; any doubt means inline; the service replays, syncs, reports
its health and metrics, stops cleanly, and a kill loses and duplicates nothing."""

import json
import re
import socket
import subprocess
import time


import pytest

from summit_connector.adapters.emulator import Emulator, sample_config_files

from tests.e2e.cli_runner import CLI
from tests.e2e.conftest import Sandbox
from tests.e2e.service_process import environment, running_service, with_service_section

NOW = {"SUMMIT_CONNECTOR_NOW": "2024-09-21T03:00"}


@pytest.fixture
def twin(tmp_path):
    """A second sandbox, seeded alike, for the same run done inline."""
    folder = tmp_path / "twin"
    folder.mkdir()
    with Emulator() as emulator:
        samples = emulator.seed_samples()
        config, template = sample_config_files(folder, emulator)
        yield Sandbox(emulator, samples, config, template, folder)


def same_text(text: str) -> str:
    """Lines as they read, the emulators' ports aside."""
    return re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", text)


def metric(service, name: str) -> float:
    _, body = service.get("/metrics")
    found = [float(line.rsplit(" ", 1)[1]) for line in body.splitlines() if line.startswith(name)]
    return sum(found)


def wait_until(condition, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


SCENARIOS = {
    "create": lambda box: (box.samples.plain, ()),
    "update": lambda box: (box.samples.open_ticket, ()),
    "exit-skip": lambda box: (box.samples.no_ticket, ()),
    "json": lambda box: (box.samples.route1, ("--json",)),
}


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_a_handed_off_run_prints_what_an_inline_run_prints_b_14_2(sandbox, twin, scenario):
    job, extra = SCENARIOS[scenario](sandbox)
    inline = twin.report(SCENARIOS[scenario](twin)[0], *extra, env=NOW)

    with running_service(sandbox.config) as service:
        handed = sandbox.report(job, *extra, env=NOW)
        handled = metric(service, "summit_connector_runs_total")

    assert (handed.code, same_text(handed.stdout), same_text(handed.stderr)) == (
        inline.code, same_text(inline.stdout), same_text(inline.stderr))
    assert handled == 1, "the run was not handed to the service"


def test_invalid_input_and_a_summit_outage_print_the_same_lines_and_codes_b_14_2(sandbox, twin):
    sandbox.emulator.faults.down("summit")
    twin.emulator.faults.down("summit")
    inline = [twin.report(twin.samples.plain, "-t", "missing", env=NOW), twin.report(twin.samples.plain, env=NOW)]

    with running_service(sandbox.config):
        handed = [sandbox.report(sandbox.samples.plain, "-t", "missing", env=NOW),
                  sandbox.report(sandbox.samples.plain, env=NOW)]

    for ran, expected in zip(handed, inline):
        assert (ran.code, same_text(ran.stdout), same_text(ran.stderr)) == (
            expected.code, same_text(expected.stdout), same_text(expected.stderr))
    assert [ran.code for ran in handed] == [2, 1]


def test_a_stale_service_file_or_another_config_means_inline_b_14_2(sandbox, tmp_path):
    with running_service(sandbox.config) as service:
        info = service.info
    listening_nowhere = socket.socket()
    listening_nowhere.bind(("127.0.0.1", 0))
    closed_port = listening_nowhere.getsockname()[1]
    listening_nowhere.close()
    (sandbox.folder / "service.json").write_text(json.dumps({**info, "port": closed_port}))
    stale = sandbox.report(sandbox.samples.plain, env=NOW)
    (sandbox.folder / "service.json").write_text(json.dumps({**info, "pid": 999_999}))
    dead = sandbox.report(sandbox.samples.route1, env=NOW)

    assert stale.code == 0 and "Incident 10001 created" in stale.stdout, stale.stderr
    assert dead.code == 0 and "Incident 10002 created" in dead.stdout, dead.stderr
    with running_service(sandbox.config):
        other = tmp_path / "other"
        other.mkdir()
        copied = other / "Connector.config"
        copied.write_text(sandbox.config.read_text().replace("TEMPLATESDIR=templates",
                                                              f"TEMPLATESDIR={sandbox.folder / 'templates'}"))
        (other / "service.json").write_text((sandbox.folder / "service.json").read_text())
        elsewhere = subprocess.run([str(CLI), "-c", str(copied), *sandbox.samples.category.report_args(), "-t",
                                    "sandbox"], capture_output=True, text=True, timeout=60, env=environment(NOW))
    assert elsewhere.returncode == 0, elsewhere.stderr
    assert (other / "summit-connector.sqlite3").exists(), "the other config's run did not deliver inline"


def test_a_connection_without_the_secret_changes_nothing_b_14_2(sandbox):
    with running_service(sandbox.config) as service:
        message = {"kind": "handoff", "secret": "0" * 64, "argv": [*sandbox.samples.plain.report_args(), "-t",
                                                                    "sandbox"], "config": str(sandbox.config)}
        with socket.create_connection(("127.0.0.1", service.port), timeout=5) as connection:
            connection.sendall(json.dumps(message).encode() + b"\n")
            answer = connection.recv(4096)
        stop = {"kind": "stop", "secret": ""}
        with socket.create_connection(("127.0.0.1", service.port), timeout=5) as connection:
            connection.sendall(json.dumps(stop).encode() + b"\n")
            refused_stop = connection.recv(4096)
        still_running = service.process.poll() is None

    assert (answer, refused_stop) == (b"", b"")
    assert still_running
    assert set(sandbox.emulator.state.incidents) == {"9001", "9002", "9003"}


def test_summit_down_then_back_is_replayed_by_the_service_alone_b_14_3(sandbox):
    with_service_section(sandbox.config, retry_seconds=1)
    sandbox.emulator.faults.down("summit")
    with running_service(sandbox.config) as service:
        kept = sandbox.report(sandbox.samples.plain, env=NOW)
        unhealthy = service.get("/healthz")
        sandbox.emulator.faults.up("summit")
        delivered = wait_until(lambda: sandbox.job(sandbox.samples.plain).incident_ticket_id == "10001")
        healthy = wait_until(lambda: service.get("/healthz") == (200, "ok\n"))
        history = json.loads(sandbox.run("history", "-c", str(sandbox.config), "--json").stdout)

    assert kept.code == 1 and "kept for retry" in kept.stderr
    assert unhealthy[0] == 503 and unhealthy[1].startswith("summit: ")
    assert delivered
    assert healthy
    assert [(e["command"], e["action"]) for e in history][0] == ("retry", "created")


def test_a_service_killed_mid_burst_loses_and_duplicates_nothing_after_restart_b_14_4(sandbox):
    with_service_section(sandbox.config, retry_seconds=1, concurrency=2)
    jobs = [sandbox.emulator.add_failed_job("BURST", "2024-09-21", 40, 1, f"BURST_{n:02d}") for n in range(20)]
    sandbox.emulator.faults.hang("summit", 0.3, times=None, path_contains="IM_LogOrUpdateIncident")
    with running_service(sandbox.config) as service:
        runs = [subprocess.Popen([str(CLI), "-c", str(sandbox.config), *job.report_args(), "-t", "sandbox"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment(NOW))
                for job in jobs]
        time.sleep(1.5)
        service.process.kill()
        ended = [run.communicate(timeout=120) for run in runs]
        codes = [run.returncode for run in runs]
    sandbox.emulator.faults.clear()

    with running_service(sandbox.config):
        finished = wait_until(lambda: all(sandbox.job(job).incident_ticket_id for job in jobs), seconds=60)
        outbox = sandbox.run("outbox", "-c", str(sandbox.config)).stdout

    assert set(codes) <= {0, 1} and 1 in codes, codes
    for code, (_, err) in zip(codes, ended):
        if code == 1:
            assert f"handed to the service (pid {service.pid}); not finished yet: it is kept and will be " \
                   "delivered" in err, err
    assert finished, outbox
    tickets = [sandbox.job(job).incident_ticket_id for job in jobs]
    incidents = {t: i for t, i in sandbox.emulator.state.incidents.items() if t not in {"9001", "9002", "9003"}}
    assert len(set(tickets)) == 20 and set(tickets) == set(incidents), (tickets, sorted(incidents))
    assert "The outbox is empty" in outbox


def test_a_second_serve_for_the_same_state_folder_exits_2_naming_the_first_b_14_1(sandbox):
    with running_service(sandbox.config) as service:
        second = sandbox.run("serve", "-c", str(sandbox.config))

    assert second.code == 2
    assert f"pid {service.pid}" in second.stderr and len(second.stderr.strip().splitlines()) == 1


def test_sigterm_lets_an_in_flight_delivery_finish_and_removes_service_json_b_14_4(sandbox):
    sandbox.emulator.faults.hang("summit", 2.0, times=1, path_contains="IM_LogOrUpdateIncident")
    with running_service(sandbox.config) as service:
        run = subprocess.Popen([str(CLI), "-c", str(sandbox.config), *sandbox.samples.plain.report_args(), "-t",
                                "sandbox"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=environment(NOW))
        assert wait_until(lambda: metric(service, "summit_connector_handoffs_in_flight") == 1, seconds=10)
        code = service.stop()
        out, err = run.communicate(timeout=60)

    assert code == 0
    assert run.returncode == 0 and "Incident 10001 created" in out, err
    assert not (sandbox.folder / "service.json").exists()


def test_metrics_count_what_happened_without_a_job_name_b_14_6(sandbox):
    with running_service(sandbox.config) as service:
        sandbox.report(sandbox.samples.plain, env=NOW)
        sandbox.report(sandbox.samples.no_ticket, env=NOW)
        status, body = service.get("/metrics")

    assert status == 200
    assert 'summit_connector_runs_total{action="created",command="report"} 1.0' in body
    assert 'summit_connector_runs_total{action="skipped-exit",command="report"} 1.0' in body
    for name in ("summit_connector_kept_entries", "summit_connector_handoffs_in_flight",
                 "summit_connector_run_duration_seconds", "summit_connector_last_success_timestamp_seconds"):
        assert name in body
    for secret_or_name in ("JOB001", "NOTICKET_JOB", "PAYROLL", sandbox.emulator.summit_api_key):
        assert secret_or_name not in body


def test_a_sync_pass_runs_on_its_interval_b_14_3(sandbox):
    with_service_section(sandbox.config, sync_seconds=1)
    with running_service(sandbox.config):
        assert sandbox.report(sandbox.samples.plain, env=NOW).code == 0
        sandbox.emulator.set_incident_status("10001", "In-Progress")
        synced = wait_until(lambda: "Under Review" in str(sandbox.job(sandbox.samples.plain).status))

    assert synced


def test_status_with_and_without_a_service_b_14_5(sandbox):
    without = sandbox.run("status", "-c", str(sandbox.config), "--json")
    with running_service(sandbox.config) as service:
        sandbox.report(sandbox.samples.plain, env=NOW)
        with_service = sandbox.run("status", "-c", str(sandbox.config), "--json")
        text = sandbox.run("status", "-c", str(sandbox.config))

    assert without.code == 3
    assert json.loads(without.stdout)["mode"] == "inline" and json.loads(without.stdout)["running"] is False
    found = json.loads(with_service.stdout)
    assert with_service.code == 0
    assert set(found) == {"running", "pid", "since", "version", "port", "in_flight", "kept", "last_success",
                          "last_error", "mode"}
    assert (found["running"], found["pid"], found["mode"]) == (True, service.pid, "hand-off")
    assert found["kept"] == {"pending": 0, "rejected": 0, "uncertain": 0} and found["last_success"]
    assert "is handed to the service" in text.stdout


def test_serve_stop_asks_the_running_service_to_stop_b_14_4(sandbox):
    with running_service(sandbox.config) as service:
        stopped = sandbox.run("serve", "--stop", "-c", str(sandbox.config))
        exit_code = service.process.wait(timeout=30)

    assert stopped.code == 0 and "Stopped." in stopped.stdout
    assert exit_code == 0 and not (sandbox.folder / "service.json").exists()


def test_an_unusable_template_folder_is_exit_2_at_start_b_14_1(sandbox):
    (sandbox.folder / "templates" / "broken.json").write_text("{not json")

    started = sandbox.run("serve", "-c", str(sandbox.config))

    assert started.code == 2 and "broken.json" in started.stderr
    assert not (sandbox.folder / "service.json").exists()


def test_the_state_folder_holds_service_json_for_the_owner_only_b_14_1(sandbox):
    with running_service(sandbox.config):
        mode = (sandbox.folder / "service.json").stat().st_mode & 0o777

    assert mode == 0o600





def test_a_reconcile_pass_runs_on_its_interval_for_a_template_with_the_block_b_14_3(sandbox):
    with_service_section(sandbox.config, reconcile_seconds=1)
    sandbox.edit_template(reconcile={"jobs": ["MISSED_*"], "lookBackHours": 24})
    missed = sandbox.emulator.add_failed_job("NIGHTLY", "2024-09-21", 31, 1, "MISSED_A")
    with running_service(sandbox.config, env={"SUMMIT_CONNECTOR_NOW": "2024-09-21T06:00"}):
        reconciled = wait_until(lambda: sandbox.job(missed).incident_ticket_id == "10001")
        history = json.loads(sandbox.run("history", "-c", str(sandbox.config), "--json").stdout)

    assert reconciled
    assert [(e["command"], e["job"], e["action"]) for e in history] == [("reconcile", "MISSED_A", "created")]


def test_metrics_file_holds_the_same_text_for_a_textfile_collector_b_14_6(sandbox):
    with_service_section(sandbox.config, metrics_file="metrics/summit.prom")
    with running_service(sandbox.config):
        written = wait_until(lambda: (sandbox.folder / "metrics" / "summit.prom").exists())
        text = (sandbox.folder / "metrics" / "summit.prom").read_text()

    assert written and "summit_connector_handoffs_in_flight 0.0" in text


def test_a_template_named_by_a_relative_path_is_the_clients_b_14_2(sandbox):
    mine = sandbox.folder / "elsewhere" / "mine"
    mine.mkdir(parents=True)
    (mine / "x.json").write_text(sandbox.template.read_text())
    with running_service(sandbox.config) as service:
        run = subprocess.run([str(CLI), "-c", str(sandbox.config), *sandbox.samples.plain.report_args(), "-t",
                              "mine/x.json"], capture_output=True, text=True, timeout=60, cwd=mine.parent,
                             env=environment(NOW))
        handled = metric(service, "summit_connector_runs_total")

    assert run.returncode == 0 and "Incident 10001 created" in run.stdout, run.stderr
    assert handled == 1
