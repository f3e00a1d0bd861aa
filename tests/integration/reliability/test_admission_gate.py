"""The admission gate (issue 12): at most `slots` runs load their libraries at once, across processes; the gate
never costs a failure (B-9.3): unusable, it lets the run through with a warning, and a run that waited its
patience goes on without a slot."""

import subprocess
import sys
import threading
import time

from summit_connector.adapters.locks.admission_gate import AdmissionGate, slots_for_this_machine


def test_one_slot_per_core_by_default(tmp_path):
    assert AdmissionGate(tmp_path).slots == slots_for_this_machine() >= 1


def test_no_more_runs_than_slots_are_inside_at_once(tmp_path):
    inside, most, guard, warnings = [0], [0], threading.Lock(), []

    def run() -> None:
        with AdmissionGate(tmp_path, slots=2).admitted(warnings.append):
            with guard:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            time.sleep(0.02)
            with guard:
                inside[0] -= 1

    threads = [threading.Thread(target=run) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert most[0] == 2 and warnings == []


def test_a_slot_held_by_another_process_makes_the_run_wait_until_it_is_freed(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", f"""
import sys, time
from pathlib import Path
from summit_connector.adapters.locks.admission_gate import AdmissionGate
with AdmissionGate(Path({str(tmp_path)!r}), slots=1).admitted(print):
    print("inside", flush=True)
    time.sleep(0.5)
"""], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "inside"
    started = time.monotonic()

    with AdmissionGate(tmp_path, slots=1).admitted(print):
        waited = time.monotonic() - started

    holder.wait()
    assert waited >= 0.2


def test_a_gate_that_cannot_be_made_lets_the_run_through_with_a_warning_b_9_3(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the lock folder should be")
    warnings, ran = [], []

    with AdmissionGate(blocker / "summit-connector-locks").admitted(warnings.append):
        ran.append(True)

    assert ran == [True]
    [warning] = warnings
    assert warning.startswith(f"admission gate {blocker / 'summit-connector-locks'} could not be used (")
    assert warning.endswith("this run did not wait its turn")


def test_a_run_that_waited_its_patience_goes_on_without_a_slot(tmp_path):
    warnings, ran = [], []
    with AdmissionGate(tmp_path, slots=1).admitted(warnings.append):
        gate = AdmissionGate(tmp_path, slots=1, patience_seconds=0.05)

        def late_run() -> None:
            with gate.admitted(warnings.append):
                ran.append(True)

        done = threading.Thread(target=late_run)
        done.start()
        done.join(timeout=5)

    assert ran == [True]
    assert warnings == ["no admission slot freed in 0.05 s; this run went ahead without one"]
