"""Peak memory of one report whose job log is big (B-4.11), against the same report with a small log.

    python bench/joblog_memory.py [--megabytes 20] [--runs 3] [--target 90]

Each report runs `summit-connector` in a child process against the embedded emulator on loopback (new incident,
number written back, the log fetched through JORS and uploaded as base64); memory is the child's peak resident set
size, measured as `bench/run.py` does. Two configurations: MAX_JOBLOG_BYTES above the log's size (the whole log is
uploaded) and the default (5 MiB kept, head and tail), each also with `[GENERAL] DEBUG=ON`, which logs every HTTP
exchange with a bounded prefix of its bodies (B-8). The difference to the small-log report is what the log costs.
"""

import argparse
import tempfile
from pathlib import Path

from run import measure, precompile, report_command

from summit_connector.adapters.emulator import Emulator, sample_config_files

_LINE = "2024-09-21 02:14:07.123 step {n:07d}: copying ledger batch, 4096 rows, checksum 0x5f3a9c2e ok\n"


def big_log(size: int) -> str:
    """ASCII job output of `size` characters, one numbered line after another."""
    lines, total, n = [], 0, 0
    while total < size:
        line = _LINE.format(n=n)
        lines.append(line)
        total += len(line)
        n += 1
    return "".join(lines)[:size]


def configured(config: Path, max_joblog_bytes: int | None = None, debug: bool = False) -> Path:
    """A copy of `config` with MAX_JOBLOG_BYTES (when given) and DEBUG=ON (when `debug`) set in [GENERAL]."""
    keys = [f"MAX_JOBLOG_BYTES={max_joblog_bytes}"] if max_joblog_bytes is not None else []
    keys += ["DEBUG=ON"] if debug else []
    copy = config.with_name(f"Connector-{max_joblog_bytes or 'default'}{'-debug' if debug else ''}.config")
    text = config.read_text(encoding="utf-8")
    copy.write_text(text.replace("[GENERAL]\n", "[GENERAL]\n" + "".join(f"{key}\n" for key in keys), 1),
                    encoding="utf-8")
    return copy


def peak_of(config: Path, emulator: Emulator, name: str, output: str, runs: int) -> float:
    """The highest peak (MiB) of `runs` reports, each for a fresh job whose one log file is `output`."""
    schedule = emulator.samples.plain.id.rsplit("|", 1)[0]
    peaks = []
    for run in range(runs):
        job = f"{name}{run:02d}"
        emulator.add_job(schedule, job, job_output={f"{job}.log": output})
        peaks.append(measure(report_command(config, job))[1])
    return max(peaks)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--megabytes", type=float, default=20.0, help="size of the big log in MB (10**6 bytes)")
    options.add_argument("--runs", type=int, default=3)
    options.add_argument("--target", type=float, default=90.0, help="peak (MiB) a big-log report must stay under")
    args = options.parse_args()
    size = int(args.megabytes * 1_000_000)
    precompile()
    log = big_log(size)
    with tempfile.TemporaryDirectory() as folder, Emulator() as emulator:
        emulator.seed_samples()
        emulator.settings.jors_pending_polls = 0
        config, _ = sample_config_files(Path(folder), emulator)
        whole = configured(config, 2 * size)
        small = peak_of(whole, emulator, "SMALLLOG", "step 1 ok\nstep 2 failed: exit 1\n" * 20, args.runs)
        peaks = {
            "whole log uploaded": peak_of(whole, emulator, "WHOLELOG", log, args.runs),
            "default MAX_JOBLOG_BYTES (5 MiB kept)": peak_of(config, emulator, "CUTLOG", log, args.runs),
            "whole log uploaded, DEBUG=ON": peak_of(configured(config, 2 * size, debug=True), emulator, "WHOLEDEBUG",
                                                    log, args.runs),
            "default MAX_JOBLOG_BYTES, DEBUG=ON": peak_of(configured(config, debug=True), emulator, "CUTDEBUG", log,
                                                          args.runs),
        }
        attached = _attached_sizes(emulator)
    mib = size / 1024 / 1024
    print(f"log: {size:,} bytes ({mib:.1f} MiB); attachment sizes received: {attached}")
    print("| report | peak memory | over the small-log report | ratio of the excess to the log |\n|---|---|---|---|")
    print(f"| small log (baseline) | {small:.1f} MiB | | |")
    for label, peak in peaks.items():
        print(f"| {label} | {peak:.1f} MiB | +{peak - small:.1f} MiB | {(peak - small) / mib:.1f}× |")
    worst = max(peaks.values())
    print(f"target: under {args.target:g} MiB: {'met' if worst < args.target else 'MISSED'} ({worst:.1f} MiB at most)")


def _attached_sizes(emulator: Emulator) -> list[int]:
    """What the emulated Summit received, to show that the whole log (or its head and tail) arrived."""
    with emulator.state.lock:
        return sorted({len(content) for i in emulator.state.incidents.values() for _, content in i.attachments})


if __name__ == "__main__":
    main()
