"""Regenerate the nbval regression references in ``tests/regression/`` (``make regression``).

The references are the pilot countries' published notebooks, copied with the run card each one
reads, after running whatever is stale. nbval then re-executes them in ``make test``.
"""

from __future__ import annotations

import shutil
import sys

from lnob_methods.core import paths
from lnob_methods.reference import countries
from lnob_methods.run import runner
from lnob_methods.site import toc

REGRESSION = paths.ROOT / "tests" / "regression"


def regenerate() -> int:
    """Run stale pilot notebooks, copy them into ``tests/regression/``; return the exit code."""
    jobs = runner.plan(countries.configured_countries(), None, {})
    outcomes = runner.run(jobs)
    toc.write_toc()
    failed = [o for o in outcomes if o.status == "failed"]
    for o in failed:
        print(f"FAILED: {o.message}", file=sys.stderr)
    if failed:
        return 1
    for job in jobs:
        # One folder per run: nbval executes there, reading the run card and writing exports.
        dest = REGRESSION / job.country / job.notebook
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(job.published, dest / job.published.name)
        card = job.published.parent / "exports" / job.notebook / "runcard.json"
        shutil.copyfile(card, dest / "runcard.json")
        print(f"reference written: {(dest / job.published.name).relative_to(paths.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(regenerate())
