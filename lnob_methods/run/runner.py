"""Run notebook templates per country with papermill: checked parameters, staging, cache, jobs."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import nullcontext
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from lnob_methods.core import cachekey, paths
from lnob_methods.core.errors import ParameterError
from lnob_methods.core.suggest import did_you_mean
from lnob_methods.formats import figures
from lnob_methods.formats.datapackage import is_current, write_datapackage
from lnob_methods.reference import countries
from lnob_methods.run import live_run, params, publish, runcard, warm_kernels

# Order of the results pages inside a country section; templates not listed come after, by name.
NOTEBOOK_ORDER = [
    "official_stocktake",
    "stocktake",
    "gap_analysis",
    "furthest_behind",
    "voices",
    "programme_brief",
    "advocacy_brief",
    "what_changed",
]
CELL_TIMEOUT = 900
# The order runs start in: first a page of every country that assembles its evidence (the other
# pages then load it from the cache instead of waiting for it), then the longer pages (What
# changed assembles the earlier round as well, the voices page audits its tables), then the short
# ones that fill the gaps at the end. Templates not listed start first.
SCHEDULE = [
    "stocktake",
    "what_changed",
    "voices",
    "gap_analysis",
    "furthest_behind",
    "programme_brief",
    "advocacy_brief",
    "official_stocktake",
]


@dataclass(frozen=True)
class Job:
    """One run: a country, a notebook template and its full parameter set."""

    country: str
    notebook: str
    parameters: dict = field(hash=False)

    @property
    def template(self) -> Path:
        """The jupytext template of this run."""
        return templates()[self.notebook]

    @property
    def published(self) -> Path:
        """Where the result notebook is published."""
        return paths.results_dir() / self.country / f"{self.notebook}.ipynb"


@dataclass
class Outcome:
    """What happened to one job: ``ran``, ``skipped`` or ``failed`` (with a message).

    ``seconds`` is the whole run, ``cell_seconds`` the time its cells took to execute: the rest
    is the run's overhead (kernel start and stop, staging, publishing). ``error`` is the error
    alone (``InputError: ...``), without the page and cell, so that the same error of several
    pages is reported once; ``notices`` are what the notebook asked to tell the user on the
    console (see :func:`lnob_methods.site.notebook.notice`).
    """

    job: Job
    status: str
    message: str = ""
    seconds: float = 0.0
    cell_seconds: float = 0.0
    error: str = ""
    notices: list[str] = field(default_factory=list)


class Interrupted(BaseException):
    """A run stopped by a signal: nothing more is published; ``published`` lists what was.

    Attributes
    ----------
    signum
        The signal (``signal.SIGINT`` for Ctrl-C, ``signal.SIGTERM``).
    published
        The pages (``KEN/gap_analysis``) published by this run before it was interrupted.
    """

    def __init__(self, signum: int, published: list[str]):
        super().__init__(signum, published)
        self.signum = signum
        self.published = published


class Terminated(BaseException):
    """Raised in the runner by the SIGTERM handler of the command line (see ``cli/main.py``)."""


def templates() -> dict[str, Path]:
    """Return notebook name to template path, in results-page order."""
    found = {p.stem: p for p in sorted(paths.notebooks_dir().glob("*.md"))}
    order = [n for n in NOTEBOOK_ORDER if n in found] + sorted(set(found) - set(NOTEBOOK_ORDER))
    return {n: found[n] for n in order}


def plan(country_codes: list[str], notebooks: list[str] | None, given: dict) -> list[Job]:
    """Return the jobs for countries × notebooks with checked, complete parameters.

    A parameter given on the command line goes to every selected template that declares it; it is
    an error when none of them does, or when its value does not fit the declared default's type.

    Raises
    ------
    ParameterError, InputError
        For an unknown notebook, an undeclared or mistyped parameter, or an unknown country.
    """
    available = templates()
    chosen = notebooks or list(available)
    unknown = [n for n in chosen if n not in available]
    if unknown:
        raise ParameterError(
            f"no notebook template named {unknown[0]!r}."
            f"{did_you_mean(unknown[0], available)} "
            f"Templates: {', '.join(available)}."
        )
    defaults = {n: params.declared(params.read_template(available[n])) for n in chosen}
    for name in given:
        if not any(name in d for d in defaults.values()):
            names = sorted({k for d in defaults.values() for k in d})
            raise ParameterError(
                f"no selected template declares a parameter {name!r}."
                f"{did_you_mean(name, names)} Declared: "
                f"{', '.join(names)}."
            )
    if "country" in given:
        raise ParameterError("choose countries with --country, not -p country=...")
    jobs = []
    for code in country_codes:
        iso3 = countries.check_iso3(code)
        countries.load_country(iso3)  # validates the config now, before any run starts
        for n in chosen:
            mine = {k: v for k, v in given.items() if k in defaults[n]}
            values = params.resolve(defaults[n], mine, f"notebooks/{n}.md")
            values["country"] = iso3
            jobs.append(Job(iso3, n, values))
    return jobs


def published_meta(job: Job) -> dict:
    """Return what a published result records of its run (``metadata.lnob``), or {} if none."""
    try:
        meta = json.loads(job.published.read_text(encoding="utf-8"))["metadata"]["lnob"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return meta if isinstance(meta, dict) else {}


def build_plan() -> list[Job]:
    """Return the jobs ``lnob build`` checks: what the site shows, kept up to date.

    Every template of each configured country, and the templates already published for any
    other country (after ``lnob run --country all --notebook official_stocktake``, a build
    refreshes those pages; it does not start the other templates for some 245 countries). A
    published page keeps the parameters it was run with, so a build after ``lnob run -p ...``
    shows that run and re-runs it only when an input changed; ``lnob run`` without ``-p``
    goes back to the defaults.
    """
    configured = countries.configured_countries()
    jobs = plan(configured, None, {})
    published = sorted(
        (p.stem, p.parent.name)
        for p in paths.results_dir().glob("*/*.ipynb")
        if p.parent.name not in configured
    )
    for notebook in templates():
        others = [c for n, c in published if n == notebook]
        jobs += plan(others, [notebook], {}) if others else []
    return [_with_published_parameters(job) for job in jobs]


def missing_pages(jobs: list[Job], outcomes: list[Outcome]) -> list[str]:
    """Return one line per job whose page is not published, with the reason when it failed.

    ``KEN/voices: its run failed (...)`` or ``KEN/voices: never published``, in ``jobs`` order.
    """
    failed = {o.job: o.message for o in outcomes if o.status == "failed"}
    lines = []
    for job in jobs:
        if job.published.exists():
            continue
        why = f"its run failed ({failed[job]})" if job in failed else "never published"
        lines.append(f"{job.country}/{job.notebook}: {why}")
    return lines


def _with_published_parameters(job: Job) -> Job:
    kept = published_meta(job).get("parameters")
    if not isinstance(kept, dict):
        return job
    kept = {k: v for k, v in kept.items() if k != "country"}
    defaults = {k: v for k, v in job.parameters.items() if k != "country"}
    try:
        given = {k: v for k, v in kept.items() if k in defaults}  # a dropped parameter: ignored
        values = params.resolve(defaults, given, f"notebooks/{job.notebook}.md")
    except ParameterError:
        return job  # the template changed a parameter's type since: back to the defaults
    # In the template's order, as a first run injects them: the same page, the same bytes.
    return Job(job.country, job.notebook, {**job.parameters, **values, "country": job.country})


def is_fresh(job: Job, key: str) -> bool:
    """Return True when the published result was made from exactly these inputs."""
    exports = job.published.parent / "exports" / job.notebook / "runcard.json"
    return exports.exists() and published_meta(job).get("cache_key") == key


def execute(
    job: Job, key: str, kernel_server: str | None = None, live: live_run.LiveRun | None = None
) -> Outcome:
    """Execute one job in a staging folder and publish it only if every cell succeeded.

    With ``kernel_server`` (a fork server's socket, see :mod:`lnob_methods.run.warm_kernels`) the
    job's fresh kernel is forked from a process that has the libraries imported already. With
    ``live`` the page is published only while that run is live (see
    :mod:`lnob_methods.run.live_run`).
    """
    import papermill as pm  # imported here: workers start faster without it at module level

    from lnob_methods.run.warm_kernels import manager_class

    os.environ.pop("MPLBACKEND", None)  # a non-inline backend would drop every figure
    staging = publish.new_staging(job.country, job.notebook)
    # This worker runs one job at a time: its kernel inherits where to leave console notices.
    os.environ[NOTICES] = str(staging / "notices.txt")
    inputs = cachekey.input_hashes(job.country, job.template)
    runcard.write(runcard.build(job.country, job.notebook, job.parameters, inputs), staging)
    nb = params.read_template(job.template)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    out_path = staging / "executed.ipynb"
    try:
        executed = pm.execute_notebook(
            nb,
            str(out_path),
            parameters=job.parameters,
            kernel_name="python3",
            cwd=str(staging),
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            # The kernel's own log (transport notice, interrupt on shutdown) is noise here. No
            # input history: the cells are in the notebook, and each kernel would open and write
            # IPython's history database from a thread of its own.
            extra_arguments=[
                "--IPKernelApp.log_level=CRITICAL",
                "--HistoryManager.enabled=False",
                *_watch_parent(kernel_server),
            ],
            execution_timeout=CELL_TIMEOUT,
            kernel_manager_class=manager_class(kernel_server),
        )
    except pm.PapermillExecutionError as exc:
        told = _notices(staging)
        _keep_failed(staging, job)
        return Outcome(
            job,
            "failed",
            f"{job.country}/{job.notebook} failed in cell "
            f"{exc.cell_index} (execution count {exc.exec_count}): "
            f"{exc.ename}: {exc.evalue}",
            error=f"{exc.ename}: {exc.evalue}",
            notices=told,
        )
    except Exception as exc:  # noqa: BLE001 - a dead kernel or a timeout must not crash the batch
        told = _notices(staging)
        _keep_failed(staging, job)
        return Outcome(
            job,
            "failed",
            f"{job.country}/{job.notebook} failed: {type(exc).__name__}: {exc}".strip(),
            notices=told,
        )
    told = _notices(staging)
    cells = sum(c.metadata.get("papermill", {}).get("duration") or 0.0 for c in executed.cells)
    publish.retitle(executed, countries.load_country(job.country).name)
    meta = {
        "country": job.country,
        "notebook": job.notebook,
        "cache_key": key,
        "parameters": dict(sorted(job.parameters.items())),
    }
    publish.stabilise(executed, job.notebook, meta)
    figures.lighter_notebook_figures(executed)  # here, in parallel, not in the site's build
    out_path.unlink(missing_ok=True)
    try:
        with live_run.publishing(live):
            publish.publish(staging, executed, job.country, job.notebook)
    except live_run.RunCancelled:
        shutil.rmtree(staging, ignore_errors=True)
        return Outcome(job, "failed", f"{job.country}/{job.notebook} not published: {NOT_LIVE}")
    shutil.rmtree(staging, ignore_errors=True)
    return Outcome(job, "ran", cell_seconds=round(cells, 2), notices=told)


NOT_LIVE = "the run was interrupted"
NOTICES = "LNOB_NOTICES"  # see lnob_methods.site.notebook.notice


def _notices(staging: Path) -> list[str]:
    try:
        text = (staging / "notices.txt").read_text(encoding="utf-8")
    except OSError:
        return []
    return [line for line in text.splitlines() if line.strip()]


def _watch_parent(kernel_server: str | None) -> list[str]:
    # A cold kernel is this worker's child in a session of its own: told its parent, it exits
    # when the worker dies (a forked warm kernel is told the fork server by the server itself).
    return [] if kernel_server else [f"--IPKernelApp.parent_handle={os.getpid()}"]


def _keep_failed(staging: Path, job: Job) -> None:
    # Keep the partial notebook for diagnosis outside book/, then drop the staging folder.
    failed = paths.state_dir() / "failed"
    failed.mkdir(parents=True, exist_ok=True)
    partial = staging / "executed.ipynb"
    if partial.exists():
        os.replace(partial, failed / f"{job.country}-{job.notebook}.ipynb")
    shutil.rmtree(staging, ignore_errors=True)


def _execute_entry(
    job: Job, key: str, kernel_server: str | None = None, live: live_run.LiveRun | None = None
) -> Outcome:
    start = time.perf_counter()
    if live is not None and not live_run.is_live(live):  # interrupted, or an orphan: no new run
        return Outcome(job, "failed", f"{job.country}/{job.notebook} not run: {NOT_LIVE}")
    try:
        done = execute(job, key, kernel_server, live)
    except Exception as exc:  # noqa: BLE001 - reported per job, never a traceback to the user
        done = Outcome(
            job,
            "failed",
            f"{job.country}/{job.notebook} failed while publishing: {type(exc).__name__}: {exc}",
        )
    done.seconds = round(time.perf_counter() - start, 2)
    return done


# The folders a run reads and writes (see lnob_methods.core.paths): a Dask worker started
# elsewhere has its own environment, so the runner's settings travel with each job.
FOLDER_SETTINGS = (
    "LNOB_COUNTRIES_DIR",
    "LNOB_NOTEBOOKS_DIR",
    "LNOB_RESULTS_DIR",
    "LNOB_STATE_DIR",
    "LNOB_TOC",
)


def folder_settings() -> dict[str, str]:
    """Return the folder settings of this process (absolute paths), to apply on a worker."""
    return {k: str(Path(os.environ[k]).resolve()) for k in FOLDER_SETTINGS if os.environ.get(k)}


def _execute_remote(settings: dict[str, str], job: Job, key: str, live) -> Outcome:
    """Run a job on a Dask worker with the runner's folder settings, then restore the worker's."""
    saved = {k: os.environ.get(k) for k in FOLDER_SETTINGS}
    for k in FOLDER_SETTINGS:
        os.environ.pop(k, None)
    os.environ.update(settings)
    try:
        return _execute_entry(job, key, None, live)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run(
    jobs: list[Job],
    n_jobs: int | None = None,
    force: bool = False,
    progress: bool = True,
    scheduler: str | None = None,
) -> list[Outcome]:
    """Run the stale jobs (all of them with ``force``) in parallel; return one outcome per job.

    Parameters
    ----------
    jobs
        From :func:`plan`.
    n_jobs
        Parallel processes on this machine; default the number of CPU cores.
    force
        Run even when the published result is fresh.
    progress
        Show a progress bar on standard error.
    scheduler
        Address of a Dask distributed scheduler (``tcp://host:8786``): the runs execute on its
        workers instead, with the same staging, cache and failure rules. Workers must see the
        same repository path (a shared file system), since they publish into it.
    """
    publish.clean_stale_staging()
    converting = None if scheduler else _convert_extract_aside()
    try:
        outcomes = _run(jobs, n_jobs, force, progress, scheduler)
        if converting is not None:  # finished for the next run, as it is by now in a build
            converting.wait()
        return outcomes
    finally:
        _stop(converting)


def _run(jobs, n_jobs, force, progress, scheduler) -> list[Outcome]:
    keys = {job: cachekey.cache_key(job.country, job.parameters, job.template) for job in jobs}
    fresh = {j for j in jobs if not force and is_fresh(j, keys[j])}  # each one read once
    outcomes = [Outcome(j, "skipped") for j in jobs if j in fresh]
    todo = [j for j in jobs if j not in fresh]
    if todo:
        live = live_run.start()
        before = {j: _stamp(j) for j in todo}
        try:
            _run_todo(todo, keys, n_jobs, scheduler, progress, live, outcomes)
        except (KeyboardInterrupt, Terminated) as exc:
            # Workers are stopped and the run is cancelled (see _dispatch): what changed now
            # was published before the interrupt.
            signum = signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT
            published = [f"{j.country}/{j.notebook}" for j in todo if _stamp(j) != before[j]]
            publish.clean_stale_staging()
            write_summary(outcomes)
            raise Interrupted(signum, published) from None
        finally:
            live_run.finish(live)
    # Each publish rewrites its country's data package under the run's lock, so the last one lists
    # every export; a package that is not current (older files, a removed export) is written here.
    for country in sorted({j.country for j in jobs}):
        exports = paths.results_dir() / country / "exports"
        if exports.is_dir() and not is_current(exports):
            write_datapackage(exports, country)
    order = {j: i for i, j in enumerate(jobs)}
    outcomes = sorted(outcomes, key=lambda o: order[o.job])
    write_summary(outcomes)
    return outcomes


def _convert_extract_aside() -> subprocess.Popen | None:
    """Start converting the UN extract in a process of its own; return it (None: converted).

    Nearly every page reads the extract: it is converted while the inputs are hashed and the
    workers and kernels start, and the first pages wait for it under its lock
    (:func:`lnob_methods.reference.sdgdb.ensure_cache`). If the process fails, the first page
    converts it and reports the error.
    """
    from lnob_methods.reference import sdgdb

    if sdgdb.cache_path().exists():
        return None
    code = (
        "import sys; from lnob_methods.run import live_run\n"
        "live_run.die_with_parent(int(sys.argv[1]))\n"
        "from lnob_methods.reference import sdgdb; sdgdb.ensure_cache()"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, str(os.getpid())],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        process_group=0,  # the terminal's Ctrl-C goes to the run, which stops it
    )


def _stop(proc: subprocess.Popen | None) -> None:
    # Still converting only when the run was stopped: a file half written is removed by the
    # next conversion.
    if proc is not None and proc.poll() is None:
        proc.kill()
    if proc is not None:
        proc.wait()


def _run_todo(todo, keys, n_jobs, scheduler, progress, live, outcomes) -> None:
    from tqdm import tqdm

    # Remote workers cannot reach a local fork server: their kernels start cold.
    warm = warm_kernels.kernel_server(paths.notebooks_dir()) if not scheduler else nullcontext()
    with warm as server:
        bar = tqdm(total=len(todo), desc="lnob run", unit="run", disable=not progress)
        dispatch = _dispatch(todo, keys, n_jobs, scheduler, server, live)
        try:
            for done in dispatch:
                bar.set_postfix_str(f"{done.job.country}/{done.job.notebook} {done.status}")
                bar.update()
                outcomes.append(done)
        finally:
            dispatch.close()  # on an interrupt here, the workers stop before the server does
            bar.close()


def _stamp(job: Job) -> tuple[int, int] | None:
    # A publish replaces the notebook by a rename: a new inode (and time) tells it apart.
    try:
        st = job.published.stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


def schedule(jobs: list[Job]) -> list[Job]:
    """Return ``jobs`` in the order they should start (see ``SCHEDULE``)."""
    rank = {n: i for i, n in enumerate(SCHEDULE)}
    return sorted(jobs, key=lambda j: rank.get(j.notebook, -1))  # stable: countries keep order


def _prepare_worker(runner: int) -> None:
    # Die with the runner, leave Ctrl-C to it; then import what every run needs.
    live_run.die_with_parent(runner)
    live_run.ignore_interrupts()
    import papermill  # noqa: F401

    warm_kernels.manager_class(None)


def _dispatch(todo: list[Job], keys: dict, n_jobs, scheduler: str | None, server, live):
    from lnob_methods.reference import sdgdb

    todo = schedule(todo)
    if scheduler:
        sdgdb.ensure_cache()
        from distributed import Client
        from distributed import as_completed as dask_completed

        remote = live.for_remote()
        with Client(scheduler, timeout="30s") as client:
            settings = folder_settings()
            futures = {
                client.submit(_execute_remote, settings, j, keys[j], remote, pure=False): j
                for j in todo
            }
            try:
                for fut in dask_completed(futures):
                    yield _result(fut, futures[fut])
            except BaseException:
                live_run.cancel(live)  # remote workers may finish their runs, not publish them
                client.cancel(list(futures))
                raise
        return
    workers = max(1, min(n_jobs or os.cpu_count() or 1, len(todo)))
    spawn = get_context("spawn")
    pool = ProcessPoolExecutor(
        workers, mp_context=spawn, initializer=_prepare_worker, initargs=(os.getpid(),)
    )
    finished = False
    try:
        with live_run.signals_held_back():  # workers start with Ctrl-C held back, then ignore it
            for _ in range(workers):
                pool.submit(int)  # starts the workers now
        futures = {pool.submit(_execute_entry, j, keys[j], server, live): j for j in todo}
        for fut in as_completed(futures):
            yield _result(fut, futures[fut])
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            _abort(pool, live)


def _abort(pool: ProcessPoolExecutor, live: live_run.LiveRun) -> None:
    """Stop a local run at once: cancel it (no page published after this), stop the workers.

    A second Ctrl-C would only interrupt the stopping, so from here on it is ignored.
    """
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)
    live_run.cancel(live)
    processes = list((pool._processes or {}).values())  # noqa: SLF001 - no public handle
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()  # a worker publishing a page finishes that page first
    for proc in processes:
        proc.join(10)
        if proc.is_alive():
            proc.kill()
            proc.join(5)


def _result(fut, job: Job) -> Outcome:
    # A run's own errors come back as outcomes; an exception here means the process executing it
    # died (killed, out of memory, a lost Dask worker). Report the run, never crash the batch.
    try:
        return fut.result()
    except Exception as exc:  # noqa: BLE001 - whatever killed it, the other runs go on
        return Outcome(
            job,
            "failed",
            f"{job.country}/{job.notebook} failed: the process running it died "
            f"({type(exc).__name__}: {str(exc) or 'no message'})",
        )


def write_summary(outcomes: list[Outcome]) -> Path:
    """Write ``.lnob/last-run.json`` (every outcome) and return its path; failures come first."""
    rows = [
        {
            "country": o.job.country,
            "notebook": o.job.notebook,
            "status": o.status,
            "message": o.message,
            "seconds": o.seconds,
            "cell_seconds": o.cell_seconds,
        }
        for o in outcomes
    ]
    rows.sort(key=lambda r: (r["status"] != "failed", r["country"], r["notebook"]))
    path = paths.state_dir() / "last-run.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return path
