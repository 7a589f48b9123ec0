"""How `lnob run --notebook official_stocktake` scales with the number of countries.

Runs 8, 16 and 32 countries of the UN SDG database (alphabetical, non-pilots) into a sandbox
folder with 2 jobs and prints the time per country: linear scaling keeps it flat. With ``--all``
it also runs every country of the database (a few minutes), then times ``lnob build`` of the site
with every country's page added to the pilots' results (nothing to run, so the site build alone),
and removes those pages again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lnob_methods.reference import countries

ROOT = Path(__file__).resolve().parents[1]


def run_countries(codes: list[str], scheduler: str | None = None) -> tuple[float, str, str, Path]:
    """Run the official stocktake for ``codes`` in a sandbox; return seconds, failures, stderr.

    With ``scheduler`` (a Dask scheduler's address) the runs go to that cluster instead of the
    local pool of 2 jobs. The sandbox is removed by the caller (its path is returned).
    """
    tmp = Path(tempfile.mkdtemp(prefix="lnob-scale-"))
    shutil.copyfile(ROOT / "_toc.yml", tmp / "_toc.yml")
    env = {
        **os.environ,
        "LNOB_RESULTS_DIR": f"{tmp}/results",
        "LNOB_STATE_DIR": f"{tmp}/state",
        "LNOB_TOC": f"{tmp}/_toc.yml",
    }
    if (ROOT / ".lnob" / "cache").is_dir():
        shutil.copytree(ROOT / ".lnob" / "cache", f"{tmp}/state/cache", dirs_exist_ok=True)
    cmd = [sys.executable, "-m", "lnob_methods.cli.main", "run", "--quiet"]
    cmd += ["--notebook", "official_stocktake", "--jobs", "2", "--country", *codes]
    if scheduler:
        cmd += ["--scheduler", scheduler]
    t = time.perf_counter()
    res = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    took = time.perf_counter() - t
    lines = res.stdout.strip().splitlines()
    failed = lines[-1].split(", ")[-1] if lines else "?"
    return took, failed, res.stderr, tmp


def on_dask(codes: list[str]) -> tuple[float, str] | None:
    """Run ``codes`` on a Dask LocalCluster of 2 single-threaded workers; None without Dask."""
    try:
        from distributed import LocalCluster
    except ImportError:
        return None
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        took, failed, _, tmp = run_countries(codes, cluster.scheduler_address)
    shutil.rmtree(tmp, ignore_errors=True)
    return took, failed


def main() -> int:
    codes = [c for c in sorted(countries.iso3_names()) if c not in countries.configured_countries()]
    sizes = [8, 16, 32] + ([len(codes)] if "--all" in sys.argv else [])
    print(f"{'countries':>9} {'seconds':>8} {'s/country':>10} {'failed':>7}  (local pool, 2 jobs)")
    local = {}
    for n in sizes:
        took, failed, stderr, tmp = run_countries(codes[:n])
        local[n] = took
        print(f"{n:9d} {took:8.1f} {took / n:10.2f} {failed:>7}")
        for line in stderr.splitlines():
            if " failed" in line and not line.startswith("lnob run"):
                print(f"          {line}")
        if n == len(codes) and n > 32:
            site_with_every_country(tmp / "results")
        shutil.rmtree(tmp, ignore_errors=True)
    n = sizes[-1]
    dask = on_dask(codes[:n])
    if dask is None:
        print("Dask: distributed is not installed (make venv installs it: the 'dist' extra)")
        return 0
    took, failed = dask
    print(
        f"Dask LocalCluster, 2 workers: {n} countries in {took:.1f} s ({took / n:.2f} s/country, "
        f"{failed}); local pool {local[n]:.1f} s; ratio Dask / local = {took / local[n]:.2f}"
    )
    return 0


def lnob_build() -> float:
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "lnob_methods.cli.main", "build", "--quiet"]
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if res.returncode:
        sys.exit(f"lnob build failed:\n{res.stdout[-2000:]}{res.stderr[-2000:]}")
    return time.perf_counter() - start


def site_with_every_country(results: Path) -> None:
    """Print the time of `lnob build` with every country's results added, then remove them."""
    lnob_build()  # the pilots' pages are up to date before the measurement
    published = ROOT / "book" / "results"
    added = []
    for folder in sorted(p for p in results.iterdir() if p.is_dir()):
        if not (published / folder.name).exists():
            shutil.copytree(folder, published / folder.name)
            added.append(published / folder.name)
    try:
        took = lnob_build()
        pages = len(list(published.glob("*/*.ipynb")))
        print(f"site with {len(added)} more countries, {pages} results pages: {took:.1f} s")
    finally:
        for folder in added:
            shutil.rmtree(folder, ignore_errors=True)
        lnob_build()  # the pilots' site again


if __name__ == "__main__":
    sys.exit(main())
