"""Cost stays flat (B-10.4): one report with 100,000 history events and 10,000 kept entries in the state store,
as a ratio to the same report with an empty store, both measured in the same run.

    python bench/store.py [--runs 21] [--history 100000] [--kept 10000]

Two Connector.config folders point at one embedded emulator; one starts with no store, the other with a store
filled directly (history spread over the last 80 days, so nothing is pruned; kept entries for other jobs, half
*rejected* and half *uncertain*, since *pending* ones would be replayed and delivered by the first report). Each
round reports a new job from each folder, alternating which goes first; the medians are compared.
"""

import argparse
import statistics
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from run import add_jobs, measure, precompile, report_command

from summit_connector.adapters.emulator import Emulator, sample_config_files
from summit_connector.adapters.state.store import STORE_FILE, SqliteStore
from summit_connector.adapters.state.stored_event import event_json
from summit_connector.domain.model import FailureEvent

START = datetime(2024, 9, 21, 3, 0)


def fill(store_path: Path, history: int, kept: int) -> None:
    store = SqliteStore(store_path)
    with store.transaction() as db:
        db.executemany("INSERT INTO history (at, command, trigger, job, schedule, schedule_date, action, ticket, "
                       "exit_code, reason) VALUES (?, 'report', 'failed', ?, 'PAYROLL', '2024-09-21', 'created', "
                       "?, 0, 'the job has no incident ticket: create one')",
                       ((_ago(n, history), f"OLD{n % 5000:04d}", str(20000 + n)) for n in range(history)))
        db.executemany("INSERT INTO kept_events (event, job_key, template, kept_at, state, last_error) "
                       "VALUES (?, ?, 'sandbox', ?, ?, 'kept by the benchmark')",
                       (_kept_row(n) for n in range(kept)))


def _ago(n: int, total: int) -> str:
    return (START - timedelta(days=80) * (1 - n / total)).isoformat(timespec="microseconds")


def _kept_row(n: int) -> tuple:
    event = FailureEvent("BENCHAGENT", "PAYROLL", f"KEPT{n:05d}", "1", START.date(), 16, 1)
    return event_json(event), event.job_key, START.isoformat(), "rejected" if n % 2 else "uncertain"


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=21)
    options.add_argument("--history", type=int, default=100_000)
    options.add_argument("--kept", type=int, default=10_000)
    args = options.parse_args()
    precompile()
    with tempfile.TemporaryDirectory() as folder, Emulator() as emulator:
        emulator.seed_samples()
        emulator.settings.jors_pending_polls = 0
        empty_config, _ = sample_config_files(Path(folder) / "empty", emulator)
        full_config, _ = sample_config_files(Path(folder) / "full", emulator)
        fill(full_config.parent / STORE_FILE, args.history, args.kept)
        empty_jobs = add_jobs(emulator, "EMPTY", args.runs, 700000)
        full_jobs = add_jobs(emulator, "FULL", args.runs, 710000)
        empty, full = [], []
        for round_number, (empty_job, full_job) in enumerate(zip(empty_jobs, full_jobs)):
            pair = [(empty, empty_config, empty_job), (full, full_config, full_job)]
            for samples, config, job in pair if round_number % 2 else reversed(pair):
                samples.append(measure(report_command(config, job))[0])
    empty_median, full_median = statistics.median(empty), statistics.median(full)
    print(f"| store | median report wall time ({args.runs} runs) |\n|---|---|")
    print(f"| empty | {empty_median:.3f} s |")
    print(f"| {args.history:,} history events, {args.kept:,} kept entries | {full_median:.3f} s |")
    print(f"ratio full / empty: {full_median / empty_median:.3f} (target <= 1.10)")


if __name__ == "__main__":
    sys.exit(main())
