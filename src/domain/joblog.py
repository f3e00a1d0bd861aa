"""Job logs larger than MAX_JOBLOG_BYTES keep their head and tail around a marker (B-4.11)."""

from summit_connector.domain.model import JobLog


def truncation_marker(dropped: int) -> bytes:
    return f"\n\n[... {dropped} bytes omitted by opcon-summit-connector ...]\n\n".encode()


def truncate_log(log: JobLog, max_bytes: int) -> JobLog:
    size = len(log.content)
    if size <= max_bytes:
        return log
    marker = truncation_marker(size)
    keep = max(max_bytes - len(marker), 0)
    head, tail = keep // 2, keep - keep // 2
    dropped = size - head - tail
    content = memoryview(log.content)
    return JobLog(log.name, b"".join((content[:head], truncation_marker(dropped), content[size - tail :])))
