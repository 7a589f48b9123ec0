"""Tree, D-index and Shapley on 1,000,000 synthetic rows with six circumstances, beside R's rpart.

The data come from the seeded SYNTHETIC generator (lnob_methods.demo.survey). rpart's time is
measured inside R with system.time (the CSV load is reported separately).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from lnob_methods.analysis import inequality, tree
from lnob_methods.demo import survey as survey_sim

CIRC = ["wealth_quintile", "residence", "region", "mother_education", "child_sex", "ethnicity"]
N = 1_000_000
R_CODE = """
suppressMessages(library(rpart))
a <- commandArgs(trailingOnly = TRUE)
t0 <- system.time(d <- read.csv(a[1], stringsAsFactors = TRUE))
ctl <- rpart.control(minbucket = as.integer(a[2]), minsplit = as.integer(a[3]),
                     cp = as.numeric(a[4]), maxdepth = 6, xval = 0, maxcompete = 0,
                     maxsurrogate = 0, usesurrogate = 0)
f <- skilled_birth ~ wealth_quintile + residence + region + mother_education + child_sex +
  ethnicity
t1 <- system.time(fit <- rpart(f, data = d, weights = weight, method = "anova", control = ctl))
cat(sprintf("%.3f %.3f %d\\n", t0[["elapsed"]], t1[["elapsed"]], sum(fit$frame$var == "<leaf>")))
"""


def measure(fn, repeat=3):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(times), peak


def main() -> int:
    df = survey_sim.make_survey(N, seed=2030)
    print(f"{'what (1,000,000 rows, 6 circumstances)':<48} {'median s':>9} {'peak MiB':>9}")
    timed = {}
    for label, fn in [
        ("tree (ESCAP mode, ours)", lambda: tree.grow(df, "skilled_birth", CIRC, "weight")),
        ("D-index (ours)", lambda: inequality.dindex(df, "skilled_birth", CIRC, "weight")),
        (
            "Shapley decomposition of D (ours, 64 subsets)",
            lambda: inequality.shapley(df, "skilled_birth", CIRC, "weight"),
        ),
    ]:
        t, mem = measure(fn)
        timed[label] = t
        print(f"{label:<48} {t:9.2f} {mem:9.0f}")
    ours = timed["tree (ESCAP mode, ours)"]
    per_subset = timed["Shapley decomposition of D (ours, 64 subsets)"] / 63
    met = "met" if per_subset <= 1.5 * ours else "NOT met"
    print(
        f"Shapley per subset {per_subset:.3f} s = {per_subset / ours:.2f} x one tree fit "
        f"(target at most 1.5 x): {met}"
    )
    if shutil.which("Rscript") is None:
        print("rpart: Rscript not installed (make system-deps)")
        return 0
    ctl = tree.escap_controls(N, CIRC)
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "d.csv"
        df.to_csv(csv, index=False)
        script = Path(tmp) / "bench.R"
        script.write_text(R_CODE)
        out = subprocess.run(
            [
                "Rscript",
                str(script),
                str(csv),
                str(ctl["minbucket"]),
                str(ctl["minsplit"]),
                repr(ctl["cp"]),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    rpart = float(out[1])
    print(f"{'tree (R rpart 4.1, same controls)':<48} {rpart:9.2f} {'-':>9}")
    print(f"{'  (R read.csv of the same data)':<48} {float(out[0]):9.2f} {'-':>9}")
    met = "met" if ours <= rpart else "NOT met"
    print(
        f"ratio: ours / rpart = {ours / rpart:.2f} (reference rpart {rpart:.2f} s, same run; "
        f"target at most 1.00): {met}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
