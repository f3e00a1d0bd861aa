"""What `sync` prints: one line per incident job it acted on, ended or left for the next pass, then a count."""

from typing import TextIO

from summit_connector.application.sync import Applied, SyncResult, sync_reason


def show(results: list[SyncResult], stdout: TextIO, stderr: TextIO) -> None:
    for result in results:
        if result.applied is not Applied.NOTHING or result.ended:
            print(sync_reason(result), file=stderr if result.incomplete else stdout)
    print(_count(results), file=stdout)


def _count(results: list[SyncResult]) -> str:
    if not results:
        return "Nothing to sync: no incident is tracked."
    tickets = len({result.entry.ticket for result in results})
    counts = {applied: sum(result.applied is applied for result in results) for applied in Applied}
    ended = sum(result.ended for result in results)
    return (f"{tickets} tracked incident(s): {counts[Applied.SUCCEEDED]} action(s) taken, "
            f"{counts[Applied.REFUSED]} refused, {ended} no longer tracked, "
            f"{counts[Applied.NEXT_PASS]} left for the next pass.")
