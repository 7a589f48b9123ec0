"""Where an input file comes from: the one rule that says whether its evidence is synthetic.

Today the rule is the project's naming convention for demonstration data: the seeded generators
name every file they write ``synthetic_*``. Every module that labels evidence asks here, so the
rule can change in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

SYNTHETIC_PREFIX = "synthetic_"


def is_synthetic(path: str | Path) -> bool:
    """Return True when ``path`` is a file of synthetic demonstration data."""
    return Path(str(path)).name.startswith(SYNTHETIC_PREFIX)


def any_synthetic(paths: Iterable[str | Path]) -> bool:
    """Return True when any of ``paths`` is a file of synthetic demonstration data."""
    return any(is_synthetic(p) for p in paths)
