"""A saved workbook's bytes depend on its content only, never on the time it was saved."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile

import openpyxl

from lnob_methods.core.workbook import fix_workbook_times, save_reproducible


def _workbook():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Evidence"
    ws.append(["item", "group", "target"])
    ws.append(["CARE:1", "women_and_girls", "5.1"])
    return wb


def _raw_bytes(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _move_clock_to_2031(monkeypatch):
    """Make openpyxl (datetime.now) and zipfile (time.time) see a later save time."""
    later = dt.datetime(2031, 6, 15, 12, 30, 46)

    class _Later(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return later

    monkeypatch.setattr(dt, "datetime", _Later)
    monkeypatch.setattr(time, "time", lambda: 1939991446.0)  # 2031-06-23, another day


def test_the_same_workbook_saved_at_different_times_gives_identical_bytes(tmp_path, monkeypatch):
    wb = _workbook()
    fix_workbook_times(wb)
    raw_now = _raw_bytes(wb)
    first = save_reproducible(wb, tmp_path / "a.xlsx").read_bytes()
    _move_clock_to_2031(monkeypatch)
    # The clock change is seen by a plain save, so the comparison below can fail.
    assert _raw_bytes(wb) != raw_now
    second = save_reproducible(wb, tmp_path / "sub" / "b.xlsx")
    assert second == tmp_path / "sub" / "b.xlsx"  # the parent folder is created
    assert second.read_bytes() == first


def test_every_member_is_dated_2000_01_01(tmp_path):
    path = save_reproducible(_workbook(), tmp_path / "a.xlsx")
    with zipfile.ZipFile(path) as z:
        dates = {info.date_time for info in z.infolist()}
        core = z.read("docProps/core.xml").decode()
    assert dates == {(2000, 1, 1, 0, 0, 0)}
    assert "2000-01-01T00:00:00Z</dcterms:modified>" in core


def test_the_saved_workbook_still_holds_its_content(tmp_path):
    path = save_reproducible(_workbook(), tmp_path / "a.xlsx")
    ws = openpyxl.load_workbook(path)["Evidence"]
    assert [c.value for c in ws[2]] == ["CARE:1", "women_and_girls", "5.1"]


def test_fix_workbook_times_sets_dates_and_author():
    wb = _workbook()
    wb.properties.creator = "Someone's laptop"
    fix_workbook_times(wb)
    assert wb.properties.creator == "lnob"
    assert wb.properties.lastModifiedBy == "lnob"
    assert wb.properties.created == dt.datetime(2000, 1, 1)
    assert wb.properties.modified == dt.datetime(2000, 1, 1)
