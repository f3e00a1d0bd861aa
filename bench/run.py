"""Speed and memory of the connector, as ratios against `python -c pass` measured in the same run.

    python bench/run.py [--runs 15] [--burst 100]

(a) `python -c pass`; (b) `summit-connector --version`; (c) one full report — new incident, number written back,
one job log attached — against the embedded emulator on loopback; (d) `--burst` concurrent reports for distinct
jobs: total wall time, incidents created, duplicates; (e) in that burst, the time to the first and to the last
incident Summit received. Then, with a resident service running (`summit-connector serve`, B-14, started once and
stopped by its pid whatever happens): (h) the same report as (c), started as Notification Manager starts it and
handed to the service; (i) the burst of (d) and (e), handed to the service. Each report is for a job not reported
before (else it would be an update), and the service's `/metrics` tells how many runs it delivered (a run that went
inline is not counted). The package is byte-compiled first. Wall time is the median of `--runs` runs; memory is the
peak resident set size of the process (`getrusage` of the child, Linux/macOS): for (h) the started process, not the
service. The emulator answers job-output actions at once (`jors_pending_polls = 0`), so (c) and (h) measure the
connector, not an agent's JORS latency. The targets (issue 12, B-14.8) are printed after the table, met or missed.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from resident_service import running_service

from summit_connector.adapters.emulator import Emulator, sample_config_files

CLI = str(Path(sys.executable).with_name("summit-connector"))
LIBRARIES = "import httpx, pydantic, dependency_injector.containers; from pydantic import BaseModel"
"""What importing the design card's packages costs alone: the floor under (c)."""


_LAUNCHER = """
import resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(elapsed, peak / (1024 * 1024 if sys.platform == "darwin" else 1024), done.returncode)
sys.stderr.write(done.stderr.decode(errors="replace"))
"""


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of one run of `command`, measured by a small launcher process.

    A child's peak memory counts what its parent held when it started, so the launcher is kept tiny.
    """
    done = subprocess.run([sys.executable, "-c", _LAUNCHER, *command], capture_output=True, text=True)
    elapsed, peak, code = done.stdout.split()
    if code != "0":
        raise SystemExit(f"{command} failed: {done.stderr}")
    return float(elapsed), float(peak)


def median_of(runs: int, commands) -> tuple[float, float]:
    samples = [measure(command) for command in commands(runs)]
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def precompile() -> None:
    """Byte-compile the package, as Python does on a first run unless PYTHONDONTWRITEBYTECODE is set."""
    import compileall

    import summit_connector

    compileall.compile_dir(Path(summit_connector.__file__).parent, quiet=1)


def report_command(config: Path, job: str) -> list[str]:
    return [CLI, "-c", str(config), "-a", "BENCHAGENT", "-s", "PAYROLL", "-jn", job, "-e", "1",
            "-sd", "2024-09-21", "-si", "16", "-sn", "1", "-t", "sandbox"]


def add_jobs(emulator: Emulator, prefix: str, count: int, first_job_number: int) -> list[str]:
    schedule = emulator.samples.plain.id.rsplit("|", 1)[0]
    names = [f"{prefix}{n:03d}" for n in range(count)]
    for offset, name in enumerate(names):
        emulator.add_job(schedule, name, job_number=first_job_number + offset,
                         job_output={f"{name}.log": "step 1 ok\nstep 2 failed: exit 1\n" * 20})
    return names


def burst(config: Path, names: list[str], emulator: Emulator) -> tuple[float, float, float]:
    """(e) All reports started at once: seconds to the first incident Summit received, to the last, and until every
    process has exited. The emulator's incident count is watched every few milliseconds."""
    with emulator.state.lock:
        before = len(emulator.state.incidents)
    arrivals: list[float] = []
    watching = threading.Event()

    def watch() -> None:
        seen = before
        while not watching.is_set():
            with emulator.state.lock:
                now_count = len(emulator.state.incidents)
            arrivals.extend([time.perf_counter()] * (now_count - seen))
            seen = now_count
            time.sleep(0.002)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    started = time.perf_counter()
    processes = [subprocess.Popen(report_command(config, name), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL) for name in names]
    failed = [p.args for p in processes if p.wait() != 0]
    finished = time.perf_counter()
    time.sleep(0.01)
    watching.set()
    watcher.join()
    if failed:
        raise SystemExit(f"{len(failed)} burst reports failed")
    return arrivals[0] - started, arrivals[-1] - started, finished - started


def incidents_for(emulator: Emulator, names: list[str]) -> tuple[int, int, int]:
    """How many of the jobs `names` Summit has an incident for, how many incidents beyond one per job, and how many
    updates their incidents took (each failure is reported once: any update is a second delivery of it)."""
    with emulator.state.lock:
        incidents = [(i.fields.get("Description", ""), len(i.updates)) for i in emulator.state.incidents.values()]
    counts = [sum(f"job {name} " in d for d, _ in incidents) for name in names]
    updates = sum(n for d, n in incidents if any(f"job {name} " in d for name in names))
    return sum(count > 0 for count in counts), sum(max(count - 1, 0) for count in counts), updates


def verdict(met: bool, said: str) -> str:
    return f"met, {said}" if met else f"**missed: {said}**"


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=15)
    options.add_argument("--burst", type=int, default=100)
    args = options.parse_args()
    precompile()
    python_pass = median_of(args.runs, lambda n: [[sys.executable, "-c", "pass"]] * n)
    version = median_of(args.runs, lambda n: [[CLI, "--version"]] * n)
    libraries = median_of(args.runs, lambda n: [[sys.executable, "-c", LIBRARIES]] * n)
    with tempfile.TemporaryDirectory() as folder, Emulator() as emulator:
        emulator.seed_samples()
        emulator.settings.jors_pending_polls = 0
        config, _ = sample_config_files(Path(folder), emulator)
        singles = add_jobs(emulator, "SINGLE", args.runs, 800000)
        report = median_of(args.runs, lambda n: [report_command(config, name) for name in singles[:n]])
        burst_names = add_jobs(emulator, "BURST", args.burst, 900000)
        first, last, burst_seconds = burst(config, burst_names, emulator)
        created, duplicates, updates = incidents_for(emulator, burst_names)
        with running_service(CLI, config) as service:
            handed_singles = add_jobs(emulator, "HANDED", args.runs, 600000)
            delivered = service.reports_delivered()
            handed = median_of(args.runs, lambda n: [report_command(config, name) for name in handed_singles[:n]])
            handed_runs = service.reports_delivered() - delivered
            handed_burst_names = add_jobs(emulator, "HBURST", args.burst, 700000)
            delivered = service.reports_delivered()
            handed_first, handed_last, handed_burst_seconds = burst(config, handed_burst_names, emulator)
            handed_burst_runs = service.reports_delivered() - delivered
        handed_created, handed_duplicates, handed_updates = incidents_for(emulator, handed_burst_names)
    ratio = lambda measured: measured[0] / python_pass[0]  # noqa: E731
    print("| measurement | median wall time | peak memory | ratio to (a) |\n|---|---|---|---|")
    print(f"| (a) `python -c pass` | {python_pass[0]:.3f} s | {python_pass[1]:.1f} MiB | 1.0 |")
    print(f"| (b) `summit-connector --version` | {version[0]:.3f} s | {version[1]:.1f} MiB | {ratio(version):.1f}× |")
    print(f"| (c0) importing httpx, pydantic, dependency-injector only | {libraries[0]:.3f} s | "
          f"{libraries[1]:.1f} MiB | {ratio(libraries):.1f}× |")
    print(f"| (c) full report (create, write-back, 1 log) | {report[0]:.3f} s | {report[1]:.1f} MiB | "
          f"{ratio(report):.1f}× |")
    print(f"| (d) {args.burst} concurrent reports, distinct jobs | {burst_seconds:.1f} s total | "
          f"{created} incidents, {duplicates} duplicates | |")
    print(f"| (e) the same burst: first incident / last incident | {first:.1f} s / {last:.1f} s | | |")
    print(f"| (h) the report of (c) handed to a running service | {handed[0]:.3f} s | {handed[1]:.1f} MiB | "
          f"{ratio(handed):.1f}× |")
    print(f"| (i) {args.burst} concurrent reports handed to the service | {handed_burst_seconds:.1f} s total | "
          f"{handed_created} incidents, {handed_duplicates} duplicates | |")
    print(f"| (i) the same burst: first incident / last incident | {handed_first:.2f} s / {handed_last:.2f} s | | |")
    counts = f"{created} incidents, {duplicates} duplicates"
    handed_counts = f"{handed_created} incidents, {handed_duplicates} duplicates"
    targets = [
        ("(b) ≤ 3× (a)", ratio(version) <= 3, f"{ratio(version):.1f}×"),
        ("(c) ≤ 10× (a)", ratio(report) <= 10, f"{ratio(report):.1f}×"),
        (f"(d) ≤ 16 s for {args.burst}", burst_seconds <= 16, f"{burst_seconds:.1f} s"),
        ("(e) first incident ≤ 5 s", first <= 5, f"{first:.1f} s"),
        (f"(d) {args.burst} incidents, 0 duplicates", created == args.burst and not duplicates, counts),
        ("(h) ≤ 3× (a)", ratio(handed) <= 3, f"{ratio(handed):.1f}×"),
        ("(h) ≤ 20 MiB", handed[1] <= 20, f"{handed[1]:.1f} MiB"),
        (f"(i) ≤ 5 s for {args.burst}", handed_burst_seconds <= 5, f"{handed_burst_seconds:.1f} s"),
        ("(i) first incident ≤ 1 s", handed_first <= 1, f"{handed_first:.2f} s"),
        (f"(i) {args.burst} incidents, 0 duplicates", handed_created == args.burst and not handed_duplicates,
         handed_counts),
    ]
    print()
    for target, met, measured in targets:
        print(f"- {target}: {verdict(met, measured)}")
    print(f"- delivered by the service (its runs_total): (h) {handed_runs} of {args.runs}, (i) {handed_burst_runs} "
          f"of {args.burst}; the other runs went inline (no connection or no acknowledgement within 0.5 s, B-14.2)")
    print(f"- incidents updated after their creation, i.e. a failure delivered twice: (d) {updates}, "
          f"(i) {handed_updates}")


if __name__ == "__main__":
    main()
