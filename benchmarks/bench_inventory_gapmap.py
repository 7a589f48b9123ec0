"""Validation of a 100,000-row inventory and the gap map on 100,000 items: time and peak memory.

The inventory is generated (seeded) from the Kenyan synthetic inventories' row shape.
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


def measure(fn, repeat=3):
    """Median time of ``repeat`` plain runs, then one traced run for the peak memory."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20, result


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "inventory_100k.csv"
        make_inventory(path)
        t, mem, (table, problems) = measure(lambda: inventories.check_files([path], "KEN"))
        print(f"{'what':<60} {'median s':>9} {'peak MiB':>9}")
        print(f"{'validate a 100,000-row inventory (CSV, KEN)':<60} {t:9.2f} {mem:9.0f}")
        assert not problems, problems[:3]
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
