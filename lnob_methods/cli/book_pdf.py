"""Build the method chapters as one PDF (``lnob-book.pdf``), as part of ``lnob build``.

Sphinx's ``singlehtml`` builder assembles the hand-written chapters (``_toc.yml``, without the
country results) into one page, in a build folder of its own under the state folder (so that it
never invalidates the site's build); :mod:`lnob_methods.formats.book_pdf` prints that page. The
PDF is written again only when the page, the version or the date changed.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

from lnob_methods.cli.book import config_copy
from lnob_methods.core import paths
from lnob_methods.core.errors import LnobError
from lnob_methods.formats import book_pdf
from lnob_methods.run import live_run, runcard

# Links from the home page to the country results cannot resolve in a book without them; the
# site's own build (which has them) checks every link with warnings as errors.
_PDF_SPHINX = {"suppress_warnings": ["ref.doc"]}
# The country results are never part of the PDF. Jupyter Book leaves out the files that are not
# in the table of contents as it starts, but this build runs while the runs publish pages: a page
# published after that start would be read, and fail the build as a page outside the contents.
_NOT_IN_PDF = ["book/results/**"]


def _config(root: Path, work: Path) -> Path:
    return config_copy(root, work, sphinx_config=_PDF_SPHINX, exclude=tuple(_NOT_IN_PDF))


def _declared_version(root: Path) -> str:
    # The version in the book's pyproject.toml: the installed package's metadata lags behind a
    # version just set for a release until the package is installed again.
    with open(root / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def _inputs_key(root: Path, out: Path) -> str:
    """Return a hash of what the PDF is made from.

    The book's hand-written sources and settings, the code that makes the PDF, the date and the
    place it is written to; not the country results (``book/results/``).
    """
    files = [root / "_config.yml", root / "_toc.yml", root / "pyproject.toml"]
    files += [
        f
        for f in sorted((root / "book").rglob("*"))
        if f.is_file()
        and "results" not in f.relative_to(root / "book").parts[:1]
        and "__pycache__" not in f.parts
    ]
    files += [Path(book_pdf.__file__), Path(__file__)]
    digest = hashlib.sha256(f"{runcard.run_date()}\0{out.resolve()}\0".encode())
    for f in files:
        if f.exists():
            digest.update(str(f.relative_to(root) if f.is_relative_to(root) else f.name).encode())
            digest.update(b"\0" + f.read_bytes() + b"\0")
    return digest.hexdigest()


def build(
    root: Path = paths.ROOT,
    out: Path | None = None,
    *,
    quiet: bool = True,
    before_printing: Callable[[], object] | None = None,
) -> Path:
    """Build the method chapters of the book at ``root`` as a PDF; return its path.

    ``out`` is the PDF to write (default: ``_build/html/lnob-book.pdf``, published with the site).
    ``before_printing``, when given, is called once the single page is built and before it is
    printed (only when it must be printed): :func:`in_background` waits there for the runs to end.
    Raises :class:`~lnob_methods.core.errors.LnobError` with the end of Sphinx's output when the
    single-page build fails.
    """
    root = Path(root)
    out = Path(out) if out else root / "_build" / "html" / book_pdf.BOOK_PDF
    work = paths.state_dir() / "book-pdf"
    work.mkdir(parents=True, exist_ok=True)
    # Nothing the PDF is made from changed (and it is there): no single-page build at all, which
    # alone costs more than a no-change build of the site.
    inputs = _inputs_key(root, out)
    seen = work / "inputs-key.txt"
    if out.exists() and seen.exists() and seen.read_text(encoding="utf-8") == inputs:
        return out
    exe = Path(sys.executable).parent / "jupyter-book"
    cmd = [
        str(exe),
        "build",
        str(root),
        "--builder",
        "singlehtml",
        "--toc",
        str(root / "_toc.yml"),
        "--config",
        str(_config(root, work)),
        "--path-output",
        str(work),
        "-W",
        "-n",
        "--keep-going",
    ]
    env = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    res = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, check=False)
    if res.returncode:
        raise LnobError(
            "the single-page build of the book (for its PDF) failed:\n" + res.stdout[-3000:]
        )
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    folder = work / "_build" / "singlehtml" / "book"
    doc = book_pdf.book_html(
        (folder / "intro.html").read_text(encoding="utf-8"),
        title=str(config.get("title", "")),
        author=str(config.get("author", "")).split(" (")[0],
        version=_declared_version(root),
        run_date=runcard.run_date(),
    )
    digest = hashlib.sha256(doc.encode())
    for image in sorted((folder.parent / "_images").glob("*")):
        digest.update(image.name.encode() + b"\0" + image.read_bytes())
    key = digest.hexdigest()
    stamp = work / "pdf-key.txt"
    if out.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == key:
        seen.write_text(inputs, encoding="utf-8")
        return out
    if before_printing is not None:
        before_printing()
    book_pdf.write_book_pdf(doc, out, base_url=folder)
    stamp.write_text(key, encoding="utf-8")
    seen.write_text(inputs, encoding="utf-8")
    if not quiet:
        print(f"wrote {paths.shown(out)}")
    return out


def beside_site(
    build_site: Callable[[], int],
    site: Path,
    root: Path = paths.ROOT,
    *,
    quiet: bool = True,
    timings: dict[str, float] | None = None,
) -> int:
    """Build the site with ``build_site`` and the method chapters' PDF at the same time.

    The PDF does not depend on the country results, and each build is one Sphinx process: on two
    cores they overlap instead of following each other. The PDF is made in the state folder and
    copied into the built site (``site``, its ``_build/html``) once the site is built; nothing is
    copied when the site build fails. Return the site build's exit code; ``timings``, when
    given, receives the seconds each took (``site``, ``pdf``).
    """
    made = made_path()
    clock = timings if timings is not None else {}

    def timed(key: str, work: Callable):
        start = time.perf_counter()
        try:
            return work()
        finally:
            clock[key] = time.perf_counter() - start

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pdf = pool.submit(timed, "pdf", lambda: build(root, made, quiet=True))
        status = timed("site", build_site)
        made = pdf.result()
    if status == 0:
        publish(made, site, quiet=quiet)
    return status


def publish(made: Path, site: Path, *, quiet: bool = True) -> Path:
    """Copy the PDF ``made`` into the built ``site`` (its ``_build/html``); return the copy."""
    out = site / book_pdf.BOOK_PDF
    shutil.copyfile(made, out)
    if not quiet:
        print(f"wrote {paths.shown(out)}")
    return out


def made_path() -> Path:
    """Return where ``lnob build`` makes the PDF before copying it into the built site."""
    return paths.state_dir() / "book-pdf" / book_pdf.BOOK_PDF


class BackgroundPdf:
    """The book's PDF being made by :func:`in_background`: tell it to print, wait for it."""

    def __init__(self, proc: subprocess.Popen, errors, made: Path):
        self._proc, self._errors, self.made = proc, errors, made

    def print_now(self) -> None:
        """Let it print the PDF: the runs are over, a core is free beside the site's build."""
        if self._proc.stdin and not self._proc.stdin.closed:
            with contextlib.suppress(BrokenPipeError):  # it had nothing to print, and ended
                self._proc.stdin.close()

    def wait(self) -> Path:
        """Wait for the PDF; return its path, or raise LnobError with the build's message."""
        self.print_now()
        if self._proc.wait():
            self._errors.seek(0)
            raise LnobError(self._errors.read().strip() or "the book's PDF could not be made.")
        return self.made


@contextlib.contextmanager
def in_background(root: Path = paths.ROOT) -> Iterator[BackgroundPdf]:
    """Make the method chapters' PDF in a low-priority process while the block runs.

    The PDF does not depend on the country results, so ``lnob build`` starts it before the runs.
    At the lowest CPU priority, its single-page Sphinx build takes only what the runs leave idle;
    the printing (WeasyPrint) waits for :meth:`BackgroundPdf.print_now`, called when the runs
    are over, and uses the core the site's build leaves free. Yields the :class:`BackgroundPdf`.
    Leaving the block before its ``wait`` returned stops the process and what it started.
    """
    made = made_path()
    made.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as errors:
        proc = subprocess.Popen(
            _command(root, made),
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            # A process group of its own: the terminal's Ctrl-C goes to `lnob build`, which
            # stops it. Not a session of its own: Linux schedules each session as one group
            # and gave a session of one process a whole core beside the runs' session.
            process_group=0,
            env={**os.environ, "LNOB_PARENT_PID": str(os.getpid())},
        )
        try:
            yield BackgroundPdf(proc, errors, made)
        finally:
            if proc.poll() is None:
                _stop_group(proc.pid)
                proc.wait()
            if proc.stdin:
                with contextlib.suppress(OSError):
                    proc.stdin.close()


def _command(root: Path, made: Path) -> list[str]:
    return [sys.executable, "-m", "lnob_methods.cli.book_pdf", str(root), str(made)]


def _stop_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)


def _lowest_priority() -> None:
    # SCHED_IDLE: the process (and the Sphinx build it starts) runs only on a core nothing else
    # wants. At nice 19 alone it still took about half a core from the runs on a 2-core machine.
    os.nice(19)
    with contextlib.suppress(OSError, AttributeError):  # AttributeError: not Linux
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))


def _background_main(argv: list[str]) -> int:
    # The process `in_background` starts: lowest priority, gone with `lnob build` (and its Sphinx
    # build with it), the error's message on standard error.
    root, out = Path(argv[0]), Path(argv[1])
    live_run.die_with_parent(int(os.environ.get("LNOB_PARENT_PID") or os.getppid()))
    signal.signal(signal.SIGTERM, lambda *_: _stop_group(os.getpgid(0)))
    _lowest_priority()
    try:
        build(root, out, quiet=True, before_printing=sys.stdin.read)  # until told to print
    except LnobError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - told to the user by `lnob build`, not a traceback
        print(f"the book's PDF could not be made: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_background_main(sys.argv[1:]))
