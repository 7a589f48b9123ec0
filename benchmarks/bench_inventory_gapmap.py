"""Validation of a 100,000-row inventory and the gap map on 100,000 items: time and peak memory.

The inventory is generated (seeded) from the Kenyan synthetic inventories' row shape.
The validation is set beside its target (3 s, 200 MiB traced peak), met or not.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

from lnob_methods.analysis import country_evidence, evidence, gaps
from lnob_methods.inventory import load as inventories
from lnob_methods.inventory.schema import FIELDS
from lnob_methods.reference import taxonomy

N = 100_000
# Validation of N rows: the target of the issue on validation speed (seconds, peak MiB traced).
TARGET_SECONDS, TARGET_MIB = 3.0, 200


def target(label: str, seconds: float, mib: float, max_seconds: float, max_mib: float) -> str:
    """Return the line that sets a measurement beside its target, met or not."""
    met = {True: "met", False: "NOT met"}
    return (
        f"{label}: <= {max_seconds:.0f} s ({met[seconds <= max_seconds]}), "
        f"<= {max_mib:.0f} MiB peak ({met[mib <= max_mib]})"
    )


def make_inventory(path: Path, n: int = N) -> None:
    rng = np.random.default_rng(7)
    base = inventories.load_country("KEN")
    pick = rng.integers(0, len(base), n)
    rows = base.iloc[pick].reset_index(drop=True)
    out = pd.DataFrame({f.label: rows[f.name] for f in FIELDS})
    for f in FIELDS:
        if f.kind in {"targets", "groups", "codes", "admin1"}:
            out[f.label] = rows[f.name].map("; ".join)
    out["ID"] = [f"B-{i:06d}" for i in range(n)]
    out.to_csv(path, index=False)


def measure(fn, repeat=3, cpu=None):
    """Median time of ``repeat`` plain runs, then one traced run for the peak memory.

    With a list as ``cpu``, the median CPU seconds of the process are appended to it: on a busy
    machine the wall time is longer than the work.
    """
    times, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    if cpu is not None:
        cpu.append(statistics.median(cpus))
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20, result


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "inventory_100k.csv"
        make_inventory(path)
        cpu: list[float] = []
        t, mem, (table, problems) = measure(lambda: inventories.check_files([path], "KEN"), cpu=cpu)
        print(f"{'what':<60} {'median s':>9} {'peak MiB':>9}")
        print(f"{'validate a 100,000-row inventory (CSV, KEN)':<60} {t:9.2f} {mem:9.0f}")
        assert not problems, problems[:3]
        print(target("  target", t, mem, TARGET_SECONDS, TARGET_MIB))
        print(f"  (its CPU time: {cpu[0]:.2f} s; more wall time than that means a busy machine)")
    ce = country_evidence.assemble("KEN")
    ev = evidence.combine(
        evidence.official_evidence(ce.official, ce.official_groups),
        evidence.inventory_evidence(table),
    )

    def gap_map():
        cells = gaps.cell_table(
            ev,
            ce.groups,
            taxonomy.targets(),
            ce.official,
            focus_groups=ce.focus_groups,
            focus_targets=ce.focus_targets,
        )
        return gaps.priority(cells, ce.severity())

    t, mem, _ = measure(gap_map)
    label = f"gap map cells, classes and ranking on {ev['item_id'].nunique():,} items"
    print(f"{label:<60} {t:9.2f} {mem:9.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
