"""Print the benchmark tables: pipeline timings and, where present, per-function benchmarks.

Not a test: it prints figures (medians of repeated runs) with the machine they came from.
Usage: ``make bench`` or ``.venv/bin/python benchmarks/run_all.py [--repeat N] [--quick]``.
It rebuilds from clean, so it deletes and regenerates ``_build/``, ``book/results/`` and ``.lnob/``
(all of them derived; nothing hand-made lives there).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LNOB = [str(BIN / "lnob")]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), "
        f"{mem:.0f} GiB RAM, Python {platform.python_version()}"
    )


def timed(cmd: list[str], env=None) -> float:
    start = time.perf_counter()
    res = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    if res.returncode != 0:
        sys.exit(
            f"benchmark command failed: {' '.join(cmd)}\n{res.stdout[-2000:]}{res.stderr[-2000:]}"
        )
    return took


def clean() -> None:
    for name in ("_build", "book/results", ".lnob"):
        shutil.rmtree(ROOT / name, ignore_errors=True)


def kernel_floor() -> float:
    """Time to start a kernel, import the notebooks' libraries and shut it down."""
    code = (
        "import nbformat, nbclient\n"
        "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("
        "'import pandas, seaborn, matplotlib.pyplot, lnob_methods.notebook')])\n"
        "nbclient.NotebookClient(nb, kernel_name='python3').execute()\n"
    )
    return timed([sys.executable, "-c", code])


def pipeline(repeat: int) -> list[tuple[str, float, int]]:
    rows = []
    full = []
    for _ in range(repeat):
        clean()
        full.append(timed([*LNOB, "build", "--quiet"]))
    rows.append(("full build from clean (4 pilots, every notebook, site)", full))
    rows.append(
        (
            "no-change rebuild (lnob build)",
            [timed([*LNOB, "build", "--quiet"]) for _ in range(repeat)],
        )
    )
    one = []
    for i in range(repeat):
        one.append(
            timed([*LNOB, "run", "--country", "KEN", "--quiet", "-p", f"since_year={2001 + i}"])
        )
    rows.append(("one-country re-run with a changed parameter (KEN, all notebooks)", one))
    rows.append(
        ("kernel floor (start, import libraries, stop)", [kernel_floor() for _ in range(repeat)])
    )
    timed([*LNOB, "build", "--quiet"])  # leave the published results at their defaults
    return [(name, statistics.median(t), len(t)) for name, t in rows]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"Machine: {machine()}")
    print(f"{'what':<68} {'median s':>9} {'runs':>5}")
    for name, med, n in pipeline(args.repeat):
        print(f"{name:<68} {med:9.2f} {n:5d}")
    for extra in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        print(f"\n== {extra.name}")
        sys.stdout.flush()
        subprocess.run([sys.executable, str(extra)], cwd=ROOT, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
