"""What acting runs tell whoever watches the process: nobody for a command line run; the service's metrics and
health (B-14.6) when it runs them."""

from summit_connector.application.ports import HistoryEvent


class RunObserver:
    """Told every event history records, with the failure behind it, and every acting run's duration."""

    def remembered(self, event: HistoryEvent, failure: BaseException | None = None) -> None:
        """One run, or one replayed entry, as history records it."""

    def finished(self, command: str, seconds: float) -> None:
        """An acting command ended after `seconds`."""
