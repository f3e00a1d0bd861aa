"""B-4.11: a job log over MAX_JOBLOG_BYTES keeps its head and tail around a marker and fits the bound."""

import re

import pytest

from summit_connector.domain.joblog import truncate_log
from summit_connector.domain.model import JobLog

MARKER = re.compile(rb"\n\n\[\.\.\. (\d+) bytes omitted[^\]]*\]\n\n")


def make_log(size: int, name: str = "JOB001.log") -> JobLog:
    body = b"".join(f"line {n:06d}\r\n".encode() for n in range(size // 13 + 1))
    return JobLog(name, body[:size])


def test_a_log_within_the_bound_is_left_as_is():
    log = make_log(4096)

    assert truncate_log(log, max_bytes=4096) == log


@pytest.mark.parametrize(("size", "max_bytes"), [(4097, 4096), (100_000, 4096), (1_000_000, 1001), (5000, 200)])
def test_a_truncated_log_fits_the_bound(size, max_bytes):
    assert len(truncate_log(make_log(size), max_bytes).content) <= max_bytes


def test_a_truncated_log_keeps_head_and_tail_around_the_marker():
    log = make_log(100_000)

    head, _, tail = MARKER.split(truncate_log(log, max_bytes=4096).content)

    assert len(head) > 1000 and log.content.startswith(head)
    assert len(tail) > 1000 and log.content.endswith(tail)


def test_the_marker_counts_exactly_the_bytes_left_out():
    log = make_log(100_000)

    head, omitted, tail = MARKER.split(truncate_log(log, max_bytes=4096).content)

    assert int(omitted) == len(log.content) - len(head) - len(tail)


def test_a_truncated_log_keeps_its_file_name():
    assert truncate_log(make_log(10_000, "PAYROLL_JOB001.txt"), max_bytes=1000).name == "PAYROLL_JOB001.txt"
