"""The ``lnob`` command: run country notebooks, build the book, templates and validation."""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import signal
import sys
import threading
import time
import traceback

from lnob_methods.cli import book_pdf, country, followup, inventories, release
from lnob_methods.cli import params as params_cli
from lnob_methods.cli.book import build_book
from lnob_methods.core import paths
from lnob_methods.core.errors import LnobError
from lnob_methods.reference import countries
from lnob_methods.run import runner
from lnob_methods.site import toc

# Modules that add their own subcommands with ``register(subparsers)``.


def _countries(arg: list[str] | None) -> list[str]:
    if not arg:
        return countries.configured_countries()
    if [a.lower() for a in arg] == ["all"]:
        return sorted(countries.iso3_names())
    return [countries.check_iso3(a) for a in arg]


def _report(outcomes: list[runner.Outcome]) -> int:
    counts = {s: sum(o.status == s for o in outcomes) for s in ("ran", "skipped", "failed")}
    for o in outcomes:
        if o.status == "skipped":
            print(f"skipped (unchanged): {o.job.country}/{o.job.notebook}")
    for o in outcomes:
        for line in o.notices:
            print(f"NOTE {o.job.country}/{o.job.notebook}: {line}", file=sys.stderr)
    _report_failures([o for o in outcomes if o.status == "failed"])
    print(
        f"{counts['ran']} ran, {counts['skipped']} skipped as unchanged, {counts['failed']} failed"
    )
    if counts["failed"]:
        print(
            "Previously published results of the failed runs were kept unchanged. "
            f"Summary of every run: {paths.state_dir() / 'last-run.json'}",
            file=sys.stderr,
        )
    return 1 if counts["failed"] else 0


def _report_failures(failed: list[runner.Outcome]) -> None:
    # The same error of several pages (a country's inventory that every page reads) once.
    groups: dict[str, list[runner.Outcome]] = {}
    for o in failed:
        groups.setdefault(o.error or o.message, []).append(o)
    for error, same in groups.items():
        if len(same) == 1:
            print(f"FAILED: {same[0].message}", file=sys.stderr)
            continue
        pages = ", ".join(f"{o.job.country}/{o.job.notebook}" for o in same)
        # Named the cell, as a single failure is ("KEN/voices failed in cell 4: ...").
        cells = {m[1] for o in same if (m := re.search(r"failed in cell (\d+)", o.message))}
        where = f" in cell {cells.pop()}" if len(cells) == 1 else ""
        print(
            f"FAILED: {len(same)} pages with the same error{where} ({pages}): {error}",
            file=sys.stderr,
        )


def cmd_run(args) -> int:
    """Run notebooks for countries; publish successes; exit 1 if any run failed."""
    from lnob_methods.run.params import parse_assignments

    # A notebook named twice runs once.
    notebooks = list(dict.fromkeys(args.notebook)) if args.notebook else None
    jobs = runner.plan(_countries(args.country), notebooks, parse_assignments(args.param))
    outcomes = runner.run(
        jobs, n_jobs=args.jobs, force=args.force, progress=not args.quiet, scheduler=args.scheduler
    )
    with _after_the_runs(outcomes):
        toc.write_toc()
        return _report(outcomes)


@contextlib.contextmanager
def _after_the_runs(outcomes: list[runner.Outcome]):
    # An interrupt after the runs names what they published, as one during them does.
    try:
        yield
    except (KeyboardInterrupt, runner.Terminated) as exc:
        signum = signal.SIGTERM if isinstance(exc, runner.Terminated) else signal.SIGINT
        ran = [f"{o.job.country}/{o.job.notebook}" for o in outcomes if o.status == "ran"]
        raise runner.Interrupted(signum, ran) from None


def _write_build_timings(timings: dict[str, float]) -> None:
    # Where the last build's time went (read by `make bench`): the runs, the site's build after
    # them, and the wait for the book's PDF after that. Seconds of this machine, never shown.
    path = paths.state_dir() / "last-build.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({k: round(v, 3) for k, v in timings.items()}, indent=1) + "\n")


def cmd_build(args) -> int:
    """Run what is stale of the configured countries and the published pages; build the book."""
    start = time.perf_counter()
    # The method chapters' PDF needs no country result: it is made during the runs, at low
    # priority, and copied into the site once both are built.
    with book_pdf.in_background() as pdf:
        jobs = runner.build_plan()
        outcomes = runner.run(jobs, n_jobs=args.jobs, progress=not args.quiet)
        timings = {"runs": time.perf_counter() - start}
        # The cores are free: the PDF is printed while the book's pages are prepared and built
        # (stopped below if the runs failed and there is no book to build).
        pdf.print_now()
        with _after_the_runs(outcomes):
            status = _report(outcomes)
            toc.write_toc()
            configured = set(countries.configured_countries())
            missing = runner.missing_pages([j for j in jobs if j.country in configured], outcomes)
            for line in missing:
                print(f"MISSING PAGE: {line}", file=sys.stderr)
            if status or missing:
                print(
                    f"Not building the book: {len(missing)} page(s) of the configured countries "
                    "missing; fix the failed runs first.",
                    file=sys.stderr,
                )
                return 1
            site = paths.ROOT / "_build" / "html"
            begun = time.perf_counter()
            status = build_book(toc=paths.built_toc_file(), quiet=args.quiet)
            timings["site"] = time.perf_counter() - begun
            if status == 0:  # a failed site gets no PDF: it is stopped, not waited for
                made = pdf.wait()
                timings["pdf_wait"] = time.perf_counter() - begun - timings["site"]
            _write_build_timings(timings)
            if status == 0:
                book_pdf.publish(made, site, quiet=args.quiet)
                # The version switcher's list: the released versions and this development version.
                release.write_switcher(
                    paths.ROOT, paths.ROOT / "_build" / "html" / release.SWITCHER_JSON
                )
            return status


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``lnob`` command."""
    p = argparse.ArgumentParser(prog="lnob", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser(
        "run",
        help="run notebook templates for countries (papermill)",
        epilog=_notebooks_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # action="extend": `--notebook a b` and `--notebook a --notebook b` both select a and b.
    r.add_argument(
        "--country",
        action="extend",
        nargs="+",
        metavar="ISO3",
        help="ISO3 codes, or 'all' (default: the configured countries)",
    )
    r.add_argument(
        "--notebook",
        action="extend",
        nargs="+",
        metavar="NAME",
        help="templates, see the list below (default: all); repeat or list several",
    )
    r.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a template parameter; repeat for several (`lnob params` lists them)",
    )
    r.add_argument("--jobs", type=int, default=None, help="parallel runs (default: CPU cores)")
    r.add_argument("--force", action="store_true", help="run even when inputs are unchanged")
    r.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask distributed cluster (e.g. tcp://10.0.0.5:8786)",
    )
    r.add_argument("--quiet", action="store_true", help="no progress bar")
    r.set_defaults(func=cmd_run)
    b = sub.add_parser("build", help="run what is stale, then build the book")
    b.add_argument("--jobs", type=int, default=None)
    b.add_argument("--quiet", action="store_true")
    b.set_defaults(func=cmd_build)
    inventories.register(sub)
    params_cli.register(sub)
    country.register(sub)
    release.register(sub)
    followup.register(sub)
    return p


def _notebooks_epilog() -> str:
    names = list(runner.templates())
    listed = "\n".join(f"  {n}" for n in names) or "  (none found)"
    return (
        f"notebooks (templates in {paths.shown(paths.notebooks_dir())}):\n{listed}\n\n"
        "`lnob params` lists each template's parameters with type, default and meaning."
    )


def _terminated(_signum, _frame):
    raise runner.Terminated


def interrupted_message(exc: runner.Interrupted) -> str:
    """Return what an interrupted run tells the user: what it published before the signal."""
    if not exc.published:
        return "lnob: interrupted; this run published nothing: every page is as it was before."
    listed = ", ".join(exc.published)
    return (
        f"lnob: interrupted; published before the interrupt: {listed}. "
        "Nothing was published after it; every other page is as it was before."
    )


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``lnob``; returns the exit code (errors are messages, not tracebacks)."""
    args = parser().parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)  # stopped like Ctrl-C: the run cancels itself
    try:
        return args.func(args)
    except runner.Interrupted as exc:
        print(interrupted_message(exc), file=sys.stderr)
        return 128 + exc.signum
    except runner.Terminated:
        print("lnob: terminated before any page was published.", file=sys.stderr)
        return 128 + signal.SIGTERM
    except LnobError as exc:
        print(f"lnob {args.command}: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - users get a message; the traceback goes to a file
        log = paths.state_dir() / "last-error.txt"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(traceback.format_exc(), encoding="utf-8")
        print(
            f"lnob {args.command}: unexpected error: {type(exc).__name__}: {exc}\n"
            f"Details were written to {log}; please report them.",
            file=sys.stderr,
        )
        return 3
    except KeyboardInterrupt:
        print("lnob: interrupted before any page was published.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
