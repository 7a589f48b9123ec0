"""`lnob build` makes the method chapters' PDF in a background process during the runs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lnob_methods.cli import book_pdf
from lnob_methods.core.errors import LnobError


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A zombie is gone for every purpose here; its parent has not collected it yet.
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        return fh.read().split(") ")[1][0] == "Z"


def _wait_until(done, seconds: float, failure: str) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, failure
        time.sleep(0.05)


def test_a_failed_pdf_build_is_an_error_with_its_message(tmp_path, monkeypatch):
    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path / "state"))
    with book_pdf.in_background(tmp_path / "no-book-here") as pdf, pytest.raises(LnobError) as err:
        pdf.wait()
    message = str(err.value)
    assert message.startswith("the book's PDF could not be made: FileNotFoundError")
    assert "no-book-here" in message and "Traceback" not in message


def test_leaving_the_block_early_stops_the_process_and_what_it_started(tmp_path, monkeypatch):
    # As after a failed run or a Ctrl-C: the PDF's process and its Sphinx build are stopped.
    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path / "state"))
    pids = tmp_path / "pids"
    script = (
        "import os, subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        f"open({str(pids)!r}, 'w').write(f'{{os.getpid()}} {{child.pid}}')\n"
        "time.sleep(60)\n"
    )
    monkeypatch.setattr(book_pdf, "_command", lambda root, made: [sys.executable, "-c", script])
    with book_pdf.in_background(tmp_path):
        started = lambda: pids.exists() and pids.read_text()  # noqa: E731
        _wait_until(started, 20, "the background process did not start")
    pid_list = [int(p) for p in pids.read_text().split()]
    _wait_until(lambda: all(_gone(p) for p in pid_list), 5, f"still running: {pid_list}")


def test_the_background_process_runs_at_the_lowest_priority():
    # In a process of its own: a priority once lowered cannot be raised again. Its children
    # (the Sphinx build) inherit both.
    code = (
        "import os, subprocess, sys; from lnob_methods.cli import book_pdf\n"
        "book_pdf._lowest_priority()\n"
        "child = 'import os; print(os.nice(0), os.sched_getscheduler(0) == os.SCHED_IDLE)'\n"
        "subprocess.run([sys.executable, '-c', child])\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.stdout.split() == ["19", "True"], res.stderr


def test_the_background_process_stays_in_the_session_of_the_build(tmp_path, monkeypatch):
    # In the build's own session (Linux gave a session apart a core of its own), in a process
    # group apart (the terminal's Ctrl-C reaches `lnob build` only, which stops it).
    out = tmp_path / "ids"
    code = f"import os; open({str(out)!r}, 'w').write(f'{{os.getsid(0)}} {{os.getpgid(0)}}')"
    monkeypatch.setattr(book_pdf, "_command", lambda root, made: [sys.executable, "-c", code])
    with book_pdf.in_background() as pdf:
        pdf._proc.wait()
        session, group = (int(x) for x in out.read_text().split())
        assert session == os.getsid(0)
        assert group == pdf._proc.pid != os.getpgid(0)


def test_the_background_process_prints_only_once_told(tmp_path, monkeypatch):
    # The protocol: the process builds its single page, then reads its standard input to the
    # end before printing; print_now (after the runs) closes it.
    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path / "state"))
    ready, printed = tmp_path / "single-page-built", tmp_path / "printed"
    script = (
        "import pathlib, sys\n"
        f"pathlib.Path({str(ready)!r}).write_text('yes')\n"
        "sys.stdin.read()\n"
        f"pathlib.Path({str(printed)!r}).write_text('yes')\n"
    )
    monkeypatch.setattr(book_pdf, "_command", lambda root, made: [sys.executable, "-c", script])
    with book_pdf.in_background(tmp_path) as pdf:
        _wait_until(ready.exists, 20, "the background process did not start")
        time.sleep(0.3)
        assert not printed.exists(), "printed before the runs were over"
        pdf.print_now()
        assert pdf.wait() == book_pdf.made_path()
    assert printed.exists()


def _fake_single_page():
    # What `jupyter-book build --builder singlehtml` leaves: the one page, in the state folder.
    real = subprocess.run

    def run(cmd, **kwargs):
        if "singlehtml" not in cmd:
            return real(cmd, **kwargs)  # git, asked for the run date
        folder = Path(cmd[cmd.index("--path-output") + 1]) / "_build" / "singlehtml" / "book"
        folder.mkdir(parents=True, exist_ok=True)
        page = '<html><body><article class="bd-article"><h1>Method</h1></article></body></html>'
        (folder / "intro.html").write_text(page, encoding="utf-8")
        return subprocess.CompletedProcess(cmd, 0, "", "")

    return run


def test_build_waits_before_printing_and_only_when_it_prints(tmp_path, monkeypatch):
    monkeypatch.setenv("LNOB_STATE_DIR", str(tmp_path / "state"))
    root = tmp_path / "book"
    root.mkdir()
    (root / "_config.yml").write_text("title: A book\nauthor: Us\n", encoding="utf-8")
    (root / "pyproject.toml").write_text('[project]\nversion = "1.2.3"\n', encoding="utf-8")
    monkeypatch.setattr(book_pdf.subprocess, "run", _fake_single_page())
    steps = []

    def write(doc, path, *, base_url):
        steps.append("printed")
        path.write_bytes(b"%PDF-1.7")
        return path

    monkeypatch.setattr(book_pdf.book_pdf, "write_book_pdf", write)
    out = tmp_path / "out.pdf"
    book_pdf.build(root, out, before_printing=lambda: steps.append("told"))
    assert steps == ["told", "printed"]
    # Nothing changed: no printing, so nothing to wait for.
    book_pdf.build(root, out, before_printing=lambda: steps.append("told"))
    assert steps == ["told", "printed"]


def test_a_results_page_published_during_the_build_is_never_read(tmp_path):
    # Jupyter Book leaves out the files outside the contents as it starts; a page the runs
    # publish later must still be left out, by the configuration Sphinx itself applies.
    import yaml
    from sphinx.util.matching import Matcher

    config = yaml.safe_load(book_pdf._config(book_pdf.paths.ROOT, tmp_path).read_text())
    leaves_out = Matcher(config["exclude_patterns"])
    for page in [
        "book/results/BGD/stocktake.ipynb",
        "book/results/ZZZ/voices.ipynb",
        "book/results/KEN/exports/stocktake/evidence_table.csv",
    ]:
        assert leaves_out(page), page
    for chapter in ["book/intro.md", "book/methods/voices.md", "book/about/citing.md"]:
        assert not leaves_out(chapter), chapter
