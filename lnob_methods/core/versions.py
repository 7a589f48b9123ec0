"""The versions of the packages that compute or render results (for run cards and cache keys)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

RESULT_PACKAGES = [
    "lnob-methods",
    "pandas",
    "numpy",
    "matplotlib",
    "seaborn",
    "papermill",
    "jupytext",
    "pyarrow",
    "openpyxl",
]


def package_versions() -> dict[str, str]:
    """Return the installed version of each package in :data:`RESULT_PACKAGES`.

    A package that is not installed is left out: a run card lists only what the run could use.
    """
    out = {}
    for name in RESULT_PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            continue
    return out
