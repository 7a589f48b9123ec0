"""One "did you mean" helper: the closest valid choices for a mistyped value."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable

# difflib's similarity ratio: one wrong letter in a three-letter code ("KEM" for "KEN") is 0.67, a
# different age band ("40_49" for "45_54") 0.6: typos are found, other valid values are not.
CUTOFF = 0.65


def close_matches(value: object, choices: Iterable[object], n: int = 3) -> list[str]:
    """Return up to ``n`` choices closest to ``value``, best first (empty when none is close).

    Parameters
    ----------
    value
        What the user typed.
    choices
        The valid values (a set is taken in sorted order, for the same answer on every run).
    n
        How many suggestions at most.
    """
    if isinstance(choices, (set, frozenset)):
        # A set's order changes from one run to the next (string hashing is salted): sorted,
        # the same typo gets the same suggestion every time.
        choices = sorted(choices, key=str)
    text, options = str(value), [str(c) for c in choices]
    # difflib.get_close_matches breaks ties in reverse alphabetical order: "KEM" got "YEM", "TKM",
    # "KHM" and never "KEN". Among equally close choices, the longest common prefix with what
    # was typed comes first, then the order of the choices.
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(text)
    scored = []
    for i, option in enumerate(options):
        matcher.set_seq1(option)
        if matcher.real_quick_ratio() >= CUTOFF and matcher.quick_ratio() >= CUTOFF:
            ratio = matcher.ratio()
            if ratio >= CUTOFF:
                prefix = len(os.path.commonprefix([text, option]))
                scored.append((-ratio, -prefix, i))
    found = [options[i] for *_, i in sorted(scored)[:n]]
    if len(found) < n and len(text) >= 4:  # a shortened code: "refugees" for "refugees_and_..."
        folded = text.casefold()
        starts = [o for o in options if o.casefold().startswith(folded) and o not in found]
        found += starts[: n - len(found)]
    return found


def did_you_mean(value: object, choices: Iterable[object], n: int = 3) -> str:
    """Return " Did you mean 'a', 'b'?" for the closest choices, or an empty string."""
    close = close_matches(value, choices, n=n)
    return f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def closest_or_all(value: object, choices: Iterable[object], n: int = 3) -> str:
    """Return the closest choices (" Did you mean 'a'?"), or all (" Choose one of: a, b.").

    For messages that name a small set (a country's admin-1 areas, the taxonomy's groups): the
    user sees either the closest members or all of them, never a bare "unknown".
    """
    options = [str(c) for c in choices]
    hint = did_you_mean(value, options, n=n)
    return hint or f" Choose one of: {', '.join(options)}."
