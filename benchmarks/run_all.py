"""Print the benchmark tables: pipeline timings and, where present, per-function benchmarks.

Not a test: it prints figures (medians of repeated runs) with the machine they came from.
Usage: ``make bench`` or ``.venv/bin/python benchmarks/run_all.py [--repeat N] [--pipeline-only]``.
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
        "'import pandas, seaborn, matplotlib.pyplot, lnob_methods.site.notebook')])\n"
        "nbclient.NotebookClient(nb, kernel_name='python3').execute()\n"
    )
    return timed([sys.executable, "-c", code])


def jupyter_book_serial() -> float:
    """Time Jupyter Book executing the same notebooks itself (execute_notebooks: force, serial).

    The published notebooks are copied with their outputs stripped (the injected parameters stay,
    so each one computes exactly what `lnob run` computed) into a copy of the book, and built.
    """
    import json
    import tempfile

    import yaml

    # Start it as cold as `lnob build` from clean: no per-country results cached yet (its notebooks
    # fill the cache as they run, as lnob's do). The Parquet copy of the UN database stays.
    shutil.rmtree(ROOT / ".lnob" / "cache" / "evidence", ignore_errors=True)
    shutil.rmtree(ROOT / ".lnob" / "private" / "cache", ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp)
        shutil.copyfile(ROOT / "pyproject.toml", book / "pyproject.toml")
        shutil.copyfile(ROOT / ".lnob" / "_toc.yml", book / "_toc.yml")  # with the results
        cfg = yaml.safe_load((ROOT / "_config.yml").read_text())
        cfg["execute"] = {"execute_notebooks": "force", "timeout": 600}
        (book / "_config.yml").write_text(yaml.safe_dump(cfg))
        shutil.copytree(ROOT / "book", book / "book", ignore=shutil.ignore_patterns("results"))
        for nb_path in sorted((ROOT / "book" / "results").glob("*/*.ipynb")):
            nb = json.loads(nb_path.read_text())
            for cell in nb["cells"]:
                if cell["cell_type"] == "code":
                    cell["outputs"], cell["execution_count"] = [], None
            dest = book / "book" / "results" / nb_path.parent.name
            dest.mkdir(parents=True, exist_ok=True)
            (dest / nb_path.name).write_text(json.dumps(nb))
            card = nb_path.parent / "exports" / nb_path.stem / "runcard.json"
            shutil.copyfile(card, dest / "runcard.json")
            (dest / "exports").mkdir(exist_ok=True)
            src_exports = nb_path.parent / "exports"
            if src_exports.exists():
                shutil.copytree(src_exports, dest / "exports", dirs_exist_ok=True)
        for index in (ROOT / "book" / "results").glob("*/index.md"):
            shutil.copyfile(index, book / "book" / "results" / index.parent.name / "index.md")
        return timed([str(BIN / "jupyter-book"), "build", str(book), "--keep-going"])


def last_run() -> list[dict]:
    import json

    return json.loads((ROOT / ".lnob" / "last-run.json").read_text())


def last_build() -> dict:
    import json

    return json.loads((ROOT / ".lnob" / "last-build.json").read_text())


def breakdown(runs: list[dict], build: dict, whole: float) -> list[str]:
    """Return where a full build's time went: the runs, per template, and the site with its PDF."""
    ran = [r for r in runs if r["status"] == "ran"]
    cells = sum(r["cell_seconds"] for r in ran)
    beyond = sum(r["seconds"] - r["cell_seconds"] for r in ran)
    lines = [
        f"where the full build's {whole:.1f} s went (the build's own clock, last run):",
        f"  notebook runs, {len(ran)} pages on {os.cpu_count()} workers (wall)  "
        f"{build['runs']:7.1f} s",
        f"    cells' own compute, summed over the runs                 {cells:7.1f} s",
        f"    beyond the cells (kernel, papermill, publishing), summed {beyond:7.1f} s",
    ]
    per = {}
    for r in ran:
        c, t = per.get(r["notebook"], (0.0, 0.0))
        per[r["notebook"]] = (c + r["cell_seconds"], t + r["seconds"])
    for name, (c, t) in sorted(per.items(), key=lambda kv: -kv[1][1]):
        lines.append(f"      {name:<24} cells {c:6.1f} s, whole runs {t:6.1f} s")
    waited = build.get("pdf_wait", 0.0)  # none when the site's build failed
    after = build["site"] + waited
    lines += [
        f"  site pages (Sphinx), after the runs (wall)                   {build['site']:7.1f} s",
        f"  book PDF: made at low priority during the runs; waited for  {waited:7.1f} s",
        f"  rest (planning, table of contents, start-up)               "
        f"{whole - build['runs'] - after:7.1f} s",
        f"  floor on {os.cpu_count()} cores: the cells / {os.cpu_count()} + the site pages = "
        f"{cells / os.cpu_count() + build['site']:.1f} s",
    ]
    return lines


def pipeline(repeat: int) -> tuple[list[tuple[str, float, int]], list[str]]:
    rows = []
    full, cold = [], []
    for _ in range(repeat):
        clean()
        full.append(timed([*LNOB, "build", "--quiet"]))
    rows.append(("full build from clean (4 pilots, every notebook, site)", full))
    where = breakdown(last_run(), last_build(), full[-1])
    overhead = [r["seconds"] - r["cell_seconds"] for r in last_run() if r["status"] == "ran"]
    rows.append(("  mean overhead of a run beyond its cells (warm kernel)", overhead))
    for _ in range(repeat):
        clean()
        cold.append(
            timed([*LNOB, "build", "--quiet"], env={**os.environ, "LNOB_WARM_KERNELS": "0"})
        )
    rows.append(("full build from clean, every kernel started cold (LNOB_WARM_KERNELS=0)", cold))
    overhead = [r["seconds"] - r["cell_seconds"] for r in last_run() if r["status"] == "ran"]
    rows.append(("  mean overhead of a run beyond its cells (cold kernel)", overhead))
    rows.append(
        (
            "no-change rebuild (lnob build)",
            [timed([*LNOB, "build", "--quiet"]) for _ in range(repeat)],
        )
    )
    one, cells = [], []
    for i in range(repeat):
        one.append(
            timed([*LNOB, "run", "--country", "KEN", "--quiet", "-p", f"since_year={2001 + i}"])
        )
        cells.append(sum(r["cell_seconds"] for r in last_run()))
    rows.append(("one-country re-run with a changed parameter (KEN, all notebooks)", one))
    rows.append(("  its own computation (the cells of the runs that re-ran, serial)", cells))
    rows.append(
        ("kernel floor (start, import libraries, stop)", [kernel_floor() for _ in range(repeat)])
    )
    timed([*LNOB, "run", "--country", "KEN", "--quiet"])  # Kenya back to its defaults
    rows.append(
        (
            "Jupyter Book execute_notebooks: force, serial (same notebooks, reference)",
            [jupyter_book_serial() for _ in range(repeat)],
        )
    )
    return [
        (name, statistics.median(t) if "mean" not in name else statistics.mean(t), len(t))
        for name, t in rows
    ], where


# Writes the eight brief documents (PDF and Word) of the four pilots into a temporary folder, from
# the evidence the build cached, and prints the seconds spent writing them (imports and the
# briefs' content excluded: the pages compute it as well).
_BRIEFS = """
import sys, tempfile, time
from pathlib import Path
from lnob_methods.analysis import brief_content, country_evidence
from lnob_methods.core import paths
from lnob_methods.formats import briefs
from lnob_methods.run import runcard
import weasyprint, docx  # imported before the clock starts, as in a running notebook
evidence = {c: country_evidence.assemble(c) for c in ("BGD", "KEN", "NPL", "VNM")}
# The briefs' content is computed for the pages too: only the documents are timed.
jobs = [
    (iso3, brief_content.build(ce, kind),
     runcard.read(paths.results_dir() / iso3 / "exports" / f"{kind}_brief"))
    for iso3, ce in evidence.items() for kind in ("programme", "advocacy")
]
with tempfile.TemporaryDirectory() as tmp:
    start = time.perf_counter()
    for iso3, brief, card in jobs:
        briefs.write_brief(brief, card, Path(tmp) / iso3)
    print(time.perf_counter() - start)
"""

# Builds the method chapters' PDF from cold (its own single-page build included) into a temporary
# file, as `lnob build` does the first time; prints the seconds.
_BOOK_PDF = """
import shutil, tempfile, time
from pathlib import Path
from lnob_methods.cli import book_pdf
from lnob_methods.core import paths
shutil.rmtree(paths.state_dir() / "book-pdf", ignore_errors=True)
with tempfile.TemporaryDirectory() as tmp:
    start = time.perf_counter()
    book_pdf.build(out=Path(tmp) / "book.pdf")
    print(time.perf_counter() - start)
"""


# The same when nothing changed, as in a no-change `lnob build` (the first call brings the site's
# PDF up to date; the second is timed): nothing is built or written.
_BOOK_PDF_WARM = """
import time
from lnob_methods.cli import book_pdf
book_pdf.build()
start = time.perf_counter()
book_pdf.build()
print(time.perf_counter() - start)
"""


def _seconds(code: str) -> float:
    res = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if res.returncode != 0:
        sys.exit(f"benchmark failed:\n{res.stdout[-2000:]}{res.stderr[-2000:]}")
    return float(res.stdout.split()[-1])


def site_pages() -> float:
    """Time Sphinx writing the site's pages from clean (the results already run), as reference."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            str(BIN / "jupyter-book"),
            "build",
            str(ROOT),
            "--toc",
            str(ROOT / ".lnob" / "_toc.yml"),
        ]
        return timed([*cmd, "--path-output", tmp, "-W", "-n", "--keep-going"])


def documents(repeat: int) -> list[tuple[str, float, int]]:
    """Time the documents: the briefs of the four pilots, the book PDF, and the reference."""
    rows = [
        (
            "site pages from clean, 4 pilots (Sphinx only; reference)",
            [site_pages() for _ in range(repeat)],
        ),
        (
            "brief documents, 4 pilots (8 briefs, PDF + Word)",
            [_seconds(_BRIEFS) for _ in range(repeat)],
        ),
        (
            "book PDF from cold (single-page build + WeasyPrint)",
            [_seconds(_BOOK_PDF) for _ in range(repeat)],
        ),
        (
            "book PDF in a no-change build (nothing written)",
            [_seconds(_BOOK_PDF_WARM) for _ in range(repeat)],
        ),
    ]
    return [(name, statistics.median(t), len(t)) for name, t in rows]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pipeline-only", action="store_true", help="skip the function benchmarks")
    args = ap.parse_args()
    print(f"Machine: {machine()}")
    print(f"{'what':<72} {'median s':>9} {'runs':>5}")
    rows, where = pipeline(args.repeat)
    for name, med, n in rows:
        print(f"{name:<72} {med:9.2f} {n:5d}")
    full = next(m for name, m, _ in rows if name.startswith("full build"))
    serial = next(m for name, m, _ in rows if name.startswith("Jupyter Book"))
    ratio = serial / full
    print(
        f"full build from clean {full:.2f} s; reference (Jupyter Book serial execution) "
        f"{serial:.2f} s; ratio {ratio:.2f}x; target >= 3.00x: {'met' if ratio >= 3 else 'NOT met'}"
    )
    print("\n".join(where))
    cold = next(m for name, m, _ in rows if name.startswith("full build from clean, every"))
    print(f"ratio, lnob with cold kernels: {serial / cold:.2f}x")
    value = dict((name.strip(), m) for name, m, _ in rows)
    floor = value["kernel floor (start, import libraries, stop)"]
    own = value["its own computation (the cells of the runs that re-ran, serial)"]
    rerun = value["one-country re-run with a changed parameter (KEN, all notebooks)"]
    print(
        f"one-country re-run {rerun:.2f} s; target 1.5 x floor + own computation = "
        f"1.5 x {floor:.2f} + {own:.2f} = {1.5 * floor + own:.2f} s"
    )
    docs = documents(args.repeat)
    for name, med, n in docs:
        print(f"{name:<72} {med:9.2f} {n:5d}")
    pages, brief_docs, book, unchanged = (m for _, m, _ in docs)
    print(
        f"documents of the four pilots: briefs {brief_docs:.2f} s; reference (site pages) "
        f"{pages:.2f} s; ratio {brief_docs / pages:.2f}x; target <= 0.50x"
    )
    print(
        f"book PDF from cold {book:.2f} s; reference (site pages) {pages:.2f} s; ratio "
        f"{book / pages:.2f}x; target <= 1.00x (and {unchanged:.2f} s in a no-change build)"
    )
    extras = [] if args.pipeline_only else sorted((ROOT / "benchmarks").glob("bench_*.py"))
    for extra in extras:
        print(f"\n== {extra.name}")
        sys.stdout.flush()
        subprocess.run([sys.executable, str(extra)], cwd=ROOT, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
