"""The malformed-inventory corpus: each fixture reports exactly its expected errors."""

from __future__ import annotations

import json
import sys
import time
import tracemalloc

import pytest

from lnob_methods.inventory.load import check_files
from tests.helpers import FIXTURES

CORPUS = FIXTURES / "inventory"
sys.path.insert(0, str(CORPUS))  # the corpus builder's helpers (row, LABELS)
EXPECTED = json.loads((CORPUS / "expected.json").read_text())


def test_corpus_is_large_enough():
    malformed = [k for k, v in EXPECTED.items() if v]
    assert len(malformed) >= 40


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_reports_exactly_its_errors(name):
    path = CORPUS / name
    tracemalloc.start()
    start = time.perf_counter()
    _, problems = check_files([path], "KEN")
    took = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    got = sorted([[p.row, p.column, p.kind] for p in problems], key=str)
    assert got == sorted(EXPECTED[name], key=str)
    for p in problems:
        assert p.file == str(path) and p.message and str(p).startswith(str(path))
    assert took < 5, "every file, hostile ones included, is judged in bounded time"
    assert peak < 200 * 2**20, "and bounded memory"


def test_n_seeded_errors_are_all_reported(tmp_path):
    """A file with one error in each of N rows reports all N, in one pass."""
    from make_fixtures import LABELS, row

    traps = [
        ("quality", "great"),
        ("access", "open"),
        ("year_to", "20x1"),
        ("iso3", "NA"),
        ("evidence_type", "servey"),
        ("groups", "nobody"),
        ("sdg_targets", "99.9"),
        ("method", ""),
        ("is_synthesis", "perhaps"),
        ("admin1", "Atlantis"),
    ]
    lines = [",".join(LABELS)]
    for i, (field, value) in enumerate(traps):
        r = row(id=f"AA-{i:03d}", title=f"Item {i}", **{field: value})
        lines.append(",".join(f'"{v}"' for v in r.values()))
    path = tmp_path / "ten-errors.csv"
    path.write_text("\n".join(lines) + "\n")
    _, problems = check_files([path], "KEN")
    assert sorted(p.row for p in problems) == list(range(2, 2 + len(traps)))
