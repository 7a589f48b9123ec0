"""Interrupt `lnob run` at random moments: every page stays whole, nothing outlives the run.

Each trial starts a run of three tiny pages for one country with a new parameter value, then sends
SIGINT, SIGTERM or SIGKILL, after a delay drawn from a seeded generator, either to the runner
(SIGINT to its process group, as Ctrl-C in a terminal; SIGTERM and SIGKILL to the runner alone,
as ``kill`` does) or to one of the run's kernels. After each trial:

- every published page is whole: its notebook, its run card and its export hold the same
  parameter value, and that value is the page's old one or the new one;
- an interrupted runner exits 128 + the signal without a traceback, and the pages it says it
  published before the interrupt are exactly those that changed;
- no process of the run is left (they carry a marker in their environment), and no page changes
  once the runner has ended (a killed runner's workers may finish the page they were writing in
  that instant, never start another).

The counts of trials tried and survived per signal and target are written to
``tests/artifacts/interruptions.json``, and with ``LNOB_WRITE_RELIABILITY=1`` to the committed
record ``tests/fixtures/reliability/interruptions.json`` that the reliability page shows.
``LNOB_INTERRUPTION_TRIALS`` sets the trials per signal and target (default 20).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from tests.helpers import LNOB, ROOT

pytestmark = pytest.mark.slow

TRIALS = int(os.environ.get("LNOB_INTERRUPTION_TRIALS", "20"))
SEED = 20
PAGES = ["trial_a", "trial_b", "trial_c"]
SIGNALS = {"SIGINT": signal.SIGINT, "SIGTERM": signal.SIGTERM, "SIGKILL": signal.SIGKILL}
TARGETS = ["runner", "kernel"]
ARTIFACT = ROOT / "tests" / "artifacts" / "interruptions.json"
# The committed record the reliability page shows, rewritten with LNOB_WRITE_RELIABILITY=1.
RECORD = ROOT / "tests" / "fixtures" / "reliability" / "interruptions.json"
TEMPLATE = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Trial page

```{code-cell} ipython3
:tags: [parameters, remove-cell]

country = "KEN"
version = "v0"
sleep = 0.4
```

```{code-cell} ipython3
import pathlib
import time

pathlib.Path("exports").mkdir(exist_ok=True)
pathlib.Path("exports/version.txt").write_text(version)
time.sleep(sleep)
print(version)
```
"""


def _processes(marker: str) -> list[tuple[int, int, bytes]]:
    """Return (pid, parent pid, command line) of every live process carrying ``marker``."""
    found = []
    for proc_dir in Path("/proc").glob("[0-9]*"):
        try:
            environ = (proc_dir / "environ").read_bytes()
            stat = (proc_dir / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (proc_dir / "cmdline").read_bytes()
        except OSError:
            continue
        if marker.encode() in environ and stat[0] != "Z":
            found.append((int(proc_dir.name), int(stat[1]), cmdline))
    return found


def _kernels(marker: str) -> list[int]:
    # Kernels are forked by the kernel server (the "zygote"): its children.
    procs = _processes(marker)
    servers = {pid for pid, _, cmd in procs if b"kernel_zygote" in cmd}
    return [pid for pid, ppid, _ in procs if ppid in servers]


def _pages(results: Path) -> dict[str, str]:
    """Return page -> its version; fail when notebook, run card and export disagree."""
    found = {}
    for nb in sorted(results.glob("*/trial_*.ipynb")):
        page = f"{nb.parent.name}/{nb.stem}"
        meta = json.loads(nb.read_text(encoding="utf-8"))["metadata"]["lnob"]["parameters"]
        exports = nb.parent / "exports" / nb.stem
        card = json.loads((exports / "runcard.json").read_text(encoding="utf-8"))["parameters"]
        value = (exports / "version.txt").read_text(encoding="utf-8")
        assert meta["version"] == card["version"] == value, f"{page} mixes two runs"
        found[page] = value
    return found


def _published_said(err: str) -> set[str] | None:
    for line in err.splitlines():
        if line.startswith("lnob: interrupted; published before the interrupt: "):
            listed = line.split(": ", 2)[2].split(". ", 1)[0]
            return set(listed.split(", "))
        if line.startswith(
            (
                "lnob: interrupted; this run published nothing",
                "lnob: interrupted before any",
                "lnob: terminated before any",
            )
        ):
            return set()
    return None


def _wait_gone(marker: str, seconds: float) -> list:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and _processes(marker):
        time.sleep(0.1)
    return _processes(marker)


def _trial(env, results, marker, number, sig, target, delay) -> str | None:
    """Run one trial; return None when it survived, else what went wrong ("missed" if the
    run ended before a kernel could be signalled)."""
    before = _pages(results)
    version = f"t{number}"
    proc = subprocess.Popen(
        [*LNOB, "run", "--country", "KEN", "--quiet", "--jobs", "2", "-p", f"version={version}"],
        env={**env, "LNOB_TRIAL_MARK": marker},
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    sent = False
    if target == "runner":
        if proc.poll() is None:
            if sig == signal.SIGINT:
                os.killpg(proc.pid, sig)  # Ctrl-C reaches the terminal's whole process group
            else:
                os.kill(proc.pid, sig)
            sent = True
    else:
        while proc.poll() is None and not sent:
            kernels = _kernels(marker)
            if kernels:
                try:
                    os.kill(kernels[0], sig)
                    sent = True
                except ProcessLookupError:
                    pass
            else:
                time.sleep(0.05)
    signalled_at = time.time()
    try:
        out, err = proc.communicate(timeout=180)
    except subprocess.TimeoutExpired:  # its output is still open: a process of the run is left
        left = _processes(marker)
        for pid, _, _ in left:
            os.kill(pid, signal.SIGKILL)
        proc.kill()
        proc.communicate()
        return f"processes of the run still running 180 s after the signal: {left}"
    if not sent:
        return "missed"
    ended = _pages(results)
    left = _wait_gone(marker, 15)
    if left:
        return f"processes left: {left}"
    after = _pages(results)
    problems = []
    for page, value in after.items():
        if value not in {before.get(page), version}:
            problems.append(f"{page} holds {value!r}, neither old nor new")
    if "Traceback" in err or "Task exception" in err:
        problems.append(f"a traceback: {err[-2000:]}")
    changed = {p for p, v in after.items() if before.get(p) != v}
    if target == "runner" and sig != signal.SIGKILL:
        if after != ended:
            problems.append("a page was published after the runner ended")
        if proc.returncode == 128 + sig:
            said = _published_said(err)
            if said != changed:
                problems.append(f"said it published {said}, published {changed}")
        elif not (proc.returncode in (0, -sig) and changed in (set(), set(after))):
            # The signal came as the run was starting or ending: nothing or all published.
            problems.append(f"exit {proc.returncode} with {changed} changed: {err[-2000:]}")
    elif target == "runner":  # SIGKILL: only a page being written at that instant may land
        late = [
            p
            for p in after
            if after[p] != ended.get(p)
            and (results / f"{p}.ipynb").stat().st_mtime > signalled_at + 1.0
        ]
        if late:
            problems.append(f"published after the runner was killed: {late}")
    elif proc.returncode not in (0, 1):
        problems.append(f"exit {proc.returncode} after a kernel was signalled: {err[-2000:]}")
    return "; ".join(problems) or None


def _record(counts: dict) -> None:
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    data = {"seed": SEED, "trials_per_case": TRIALS, "pages": len(PAGES), "cases": counts}
    ARTIFACT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    if os.environ.get("LNOB_WRITE_RELIABILITY"):
        RECORD.parent.mkdir(parents=True, exist_ok=True)
        RECORD.write_text(ARTIFACT.read_text(encoding="utf-8"), encoding="utf-8")


def test_interruptions_leave_whole_pages_and_no_process(sandbox):
    env, folders = sandbox
    for page in PAGES:
        (folders["notebooks"] / f"{page}.md").write_text(TEMPLATE, encoding="utf-8")
    results = folders["results"]
    marker = f"lnob-trial-{uuid.uuid4().hex}"
    spans = []
    for version in ("t0", "t00"):  # the second run is timed: the caches are warm then
        start = time.monotonic()
        first = subprocess.run(
            [
                *LNOB,
                "run",
                "--country",
                "KEN",
                "--quiet",
                "--jobs",
                "2",
                "-p",
                f"version={version}",
            ],
            env={**env, "LNOB_TRIAL_MARK": marker},
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        spans.append(time.monotonic() - start)
        assert first.returncode == 0, first.stderr
    span = 0.9 * spans[-1]  # the delays are drawn within a whole run
    assert set(_pages(results)) == {f"KEN/{p}" for p in PAGES}
    rng = random.Random(SEED)
    counts = {}
    failures = []
    number = 0
    for target in TARGETS:
        for name, sig in SIGNALS.items():
            tried = survived = missed = 0
            while tried < TRIALS and missed < 3 * TRIALS:  # short kernels are often missed
                number += 1
                delay = rng.uniform(0.0, span)
                outcome = _trial(env, results, marker, number, sig, target, delay)
                if outcome == "missed":
                    missed += 1
                    continue
                tried += 1
                if outcome is None:
                    survived += 1
                else:
                    failures.append(f"{name} to the {target}, trial {number}: {outcome}")
            counts[f"{name} to the {target}"] = {
                "tried": tried,
                "survived": survived,
                "missed": missed,
            }
            _record(counts)  # after each case: a stopped session keeps what it tried
    assert not failures, "\n".join(failures)
    for case, c in counts.items():
        assert c["tried"] == TRIALS, f"{case}: only {c['tried']} trials reached the run"
