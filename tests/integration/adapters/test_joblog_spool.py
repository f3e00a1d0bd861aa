"""JOBLOGDIR spooling around the upload (B-4.11)."""

import pytest

from summit_connector.adapters.joblog_spool import SpoolingIncidents
from summit_connector.adapters.memory import InMemoryIncidents
from summit_connector.application.errors import SummitUnavailable
from summit_connector.domain.model import JobLog


class SpyIncidents(InMemoryIncidents):
    def __init__(self, directory):
        super().__init__()
        self.directory = directory
        self.files_during_upload: list[str] = []

    def attach(self, ticket_number, log):
        self.files_during_upload = sorted(p.name for p in self.directory.iterdir())
        super().attach(ticket_number, log)


def test_log_is_saved_in_joblogdir_during_upload_and_deleted_after(tmp_path):
    folder = tmp_path / "joblogs"
    folder.mkdir()
    inner = SpyIncidents(folder)
    spool = SpoolingIncidents(inner, folder)

    spool.attach("1001", JobLog("C:\\logs\\JOB001.log", b"text"))

    assert inner.files_during_upload == ["1001_C_logs_JOB001.log"]
    assert list(folder.iterdir()) == []
    assert inner.attachments["1001"][0].content == b"text"


def test_log_stays_in_joblogdir_when_the_upload_fails(tmp_path):
    inner = InMemoryIncidents()
    inner.unavailable = "down"
    spool = SpoolingIncidents(inner, tmp_path)

    with pytest.raises(SummitUnavailable):
        spool.attach("1001", JobLog("JOB001.log", b"text"))

    assert [p.name for p in tmp_path.iterdir()] == ["1001_JOB001.log"]


def test_unwritable_joblogdir_still_uploads(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    inner = InMemoryIncidents()
    spool = SpoolingIncidents(inner, blocker / "joblogs")

    spool.attach("1001", JobLog("JOB001.log", b"text"))

    assert inner.attachments["1001"][0].name == "JOB001.log"


def test_a_spooled_file_that_cannot_be_deleted_does_not_fail_the_upload(tmp_path, monkeypatch):
    inner = InMemoryIncidents()
    spool = SpoolingIncidents(inner, tmp_path)

    def held_by_another_program(self, missing_ok=False):
        raise PermissionError("in use")

    monkeypatch.setattr(type(tmp_path), "unlink", held_by_another_program)
    spool.attach("1001", JobLog("JOB001.log", b"text"))

    assert inner.attachments["1001"][0].name == "JOB001.log"
