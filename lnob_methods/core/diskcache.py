"""A per-country cache of intermediate results, shared by the notebooks of one build.

Several results pages of a country need the same assembled evidence (official stocktake,
inventories, testimonies): computing it once and loading it in the other notebooks removes most of
their data-loading time. An entry is keyed like a run (:mod:`lnob_methods.core.cachekey`): every
data file the country's runs can read, the library source, the parameters, the Python and package
versions. Any change gives a new key, so a stale entry is never read.

Entries are pickles in ``.lnob/cache/<name>/``, the project's own state folder, written atomically
(a parallel run never reads half a file). A file that cannot be read is recomputed.
"""

from __future__ import annotations

import fcntl
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from lnob_methods.core import cachekey, paths
from lnob_methods.core.files import write_atomic

T = TypeVar("T")


def cached(
    name: str,
    country: str,
    parameters: dict,
    compute: Callable[[], T],
    root: Path | None = None,
) -> T:
    """Return ``compute()``, from the cache when the same inputs were computed before.

    Parameters
    ----------
    name
        What is cached (a folder name), for example ``evidence``.
    country
        The ISO3 code whose data the result depends on.
    parameters
        Everything else the result depends on (JSON-serialisable).
    compute
        Computes the result when it is not cached.
    root
        Where the entries go (default ``.lnob/cache``); results that hold personal data go to
        the private folder instead.
    """
    folder = (root or paths.cache_dir()) / name
    path = folder / f"{country}-{cachekey.cache_key(country, parameters)[:32]}.pkl"
    found = _load(path)
    if found is not _MISSING:
        return found
    folder.mkdir(parents=True, exist_ok=True)
    # One process computes; a parallel run that needs the same entry waits for it and loads it,
    # rather than computing it a second time on a busy machine.
    with open(path.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        found = _load(path)
        if found is not _MISSING:
            return found
        result = compute()
        write_atomic(path, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return result


_MISSING = object()


def _load(path: Path):
    if not path.exists():
        return _MISSING
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)  # noqa: S301 - our own state folder, written by cached()
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return _MISSING  # unreadable or from another version of a class: compute again
