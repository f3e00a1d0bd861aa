"""B-14.4: SIGINT, SIGTERM and, on Windows, Ctrl+Break (SIGBREAK) stop the service; the handlers before it come back
after. Windows' SIGBREAK is stood in for here by a signal this platform has."""

import os
import signal

from summit_connector.entrypoints.service import serving


def test_each_stop_signal_the_platform_has_stops_the_service_and_the_old_handlers_come_back(monkeypatch):
    monkeypatch.setattr(signal, "SIGBREAK", signal.SIGUSR1, raising=False)
    before = signal.getsignal(signal.SIGUSR1)
    stopped = []

    with serving._stop_signals(lambda: stopped.append(True)):
        os.kill(os.getpid(), signal.SIGUSR1)
        os.kill(os.getpid(), signal.SIGTERM)

    assert stopped == [True, True]
    assert signal.getsignal(signal.SIGUSR1) == before


def test_a_platform_without_sigbreak_skips_it(monkeypatch):
    monkeypatch.delattr(signal, "SIGBREAK", raising=False)
    stopped = []

    with serving._stop_signals(lambda: stopped.append(True)):
        os.kill(os.getpid(), signal.SIGINT)

    assert stopped == [True]
