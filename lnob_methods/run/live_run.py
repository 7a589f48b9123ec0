"""Which run may publish: the live one, until it is interrupted; and processes that die with it.

Every ``lnob run`` (and ``lnob build``) writes a small file ``.lnob/runs/<id>.json`` naming its
process. A worker publishes a page only inside :func:`publishing`, which checks, under a lock on
that file and with termination signals held back, that the run is still live: the file is there,
it is not marked cancelled, and (on this machine) the worker's parent is still the runner. On an
interrupt the runner takes the same lock and marks the run cancelled, so no page is published
after that, and a page being published at that moment is published whole (both the notebook and
its exports), never half.

Workers also die with the runner: :func:`die_with_parent` asks Linux to send them SIGTERM when
their parent ends (``prctl(PR_SET_PDEATHSIG)``), which :func:`publishing` holds back until a page
being published is complete.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fcntl
import json
import os
import signal
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lnob_methods.core import paths

# Held back while a page is being published: a termination signal then ends the worker after it.
HELD = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT}
PR_SET_PDEATHSIG = 1


class RunCancelled(Exception):
    """The run that staged a page is no longer the live one: the page is not published."""


@dataclass(frozen=True)
class LiveRun:
    """A run's identity: its file and, for local workers, the runner's process id."""

    path: str
    runner_pid: int | None

    def for_remote(self) -> LiveRun:
        """Return this run as remote workers see it: no parent process to check."""
        return LiveRun(self.path, None)


def runs_dir() -> Path:
    """Return the folder of the live runs' files."""
    return paths.state_dir() / "runs"


def start() -> LiveRun:
    """Record a new live run of this process and return it; remove files of dead runs."""
    # Here, not at module level: a kernel relay imports this module and must start fast.
    from lnob_methods.run import publish

    folder = runs_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.json"):
        try:
            pid = json.loads(old.read_text(encoding="utf-8"))["pid"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if not publish.is_running(pid):
            old.unlink(missing_ok=True)
    path = folder / f"{os.getpid()}-{uuid.uuid4().hex[:12]}.json"
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"pid": os.getpid(), "cancelled": False}), encoding="utf-8")
    os.replace(tmp, path)
    return LiveRun(str(path), os.getpid())


def cancel(run: LiveRun) -> None:
    """Mark ``run`` cancelled, after any page being published now is complete."""
    with contextlib.suppress(OSError), _locked(run.path) as fh:
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps({"pid": run.runner_pid, "cancelled": True}))
        fh.flush()


def finish(run: LiveRun) -> None:
    """Remove the file of a run that has ended."""
    Path(run.path).unlink(missing_ok=True)


def is_live(run: LiveRun, fh=None) -> bool:
    """Return True while ``run`` may publish (see the module's description)."""
    if run.runner_pid is not None and os.getppid() != run.runner_pid:
        return False  # the runner is gone: this worker is an orphan
    try:
        if fh is None:
            text = Path(run.path).read_text(encoding="utf-8")
        else:
            fh.seek(0)
            text = fh.read()
        return not json.loads(text)["cancelled"]
    except (OSError, ValueError, KeyError, TypeError):
        return False


@contextlib.contextmanager
def publishing(run: LiveRun | None) -> Iterator[None]:
    """Hold back termination signals and check that ``run`` is live, for one publish.

    Raises
    ------
    RunCancelled
        When the run was interrupted or its runner is gone; nothing may be published then.
    """
    if run is None:  # a direct call outside a run (tests, one-off use)
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        try:
            lock = _locked(run.path)
            fh = lock.__enter__()
        except OSError as exc:
            raise RunCancelled("the run's file is gone") from exc
        try:
            if not is_live(run, fh):
                raise RunCancelled("the run was interrupted or its runner is gone")
            yield
        finally:
            lock.__exit__(None, None, None)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


@contextlib.contextmanager
def _locked(path: str):
    with open(path, "r+", encoding="utf-8") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield fh
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def die_with_parent(parent: int) -> None:
    """Make this process receive SIGTERM when its parent ends; exit now if it already has.

    Linux only (``prctl``); elsewhere the parent check in :func:`publishing` still stops an
    orphan from publishing.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


@contextlib.contextmanager
def signals_held_back() -> Iterator[None]:
    """Hold back SIGINT and SIGTERM in this thread; they arrive when the block ends.

    Processes started inside the block start with them blocked (the mask is inherited), so a
    worker can ignore the terminal's Ctrl-C before it could act on it.
    """
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def ignore_interrupts() -> None:
    """In a worker: ignore the terminal's Ctrl-C (the runner decides), then unblock signals."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
