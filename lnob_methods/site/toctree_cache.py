"""The site's navigation resolved once per build, not once per page (Sphinx's toctree entries).

Every page's sidebar holds the book's whole table of contents. To draw it, Sphinx resolves the
root document's toctrees again for each page: it copies every listed document's table of
contents, all its headings included, then keeps only the titles. With 57 pages that was two of
the site build's seven seconds, and it grows with the square of the number of pages.

The entries a toctree resolves to are the same for every page when the navigation is not
collapsed and no listed document has ``only`` directives in its headings or a ``tocdepth`` of its
own (Sphinx treats the current page's ancestors differently only in those cases). Then the
entries are resolved once and each page gets a copy, which Sphinx marks as usual with the page's
"current" classes and links relative to it. In any other case the original function runs. The
site is the same, byte for byte: an end-to-end test builds the book with and without this cache
and compares every file.

Setting ``lnob_cached_navigation = False`` in the Sphinx configuration turns the cache off.
"""

from __future__ import annotations

import inspect
from collections import OrderedDict

from sphinx import addnodes
from sphinx.environment.adapters import toctree as adapter

# The private function cached, with the parameters of the Sphinx versions it was checked with
# (7.x); another signature leaves Sphinx as it is.
_PARAMETERS = [
    "env",
    "prune",
    "titles_only",
    "collapse",
    "includehidden",
    "tags",
    "toctree_ancestors",
    "included",
    "excluded",
    "toctreenode",
    "parents",
    "subtree",
]
# Entries kept (a few per page when a theme resolves toctrees of page-specific doctrees).
MAX_ENTRIES = 256


class EntriesCache:
    """A cache in front of Sphinx's ``_entries_from_toctree``, active while a build writes."""

    def __init__(self, original):
        self.original = original
        self.env = None
        self._tocs: tuple = ()
        self._entries: OrderedDict = OrderedDict()

    def start(self, env) -> None:
        """Cache for ``env`` from now on, if its tables of contents allow it (module docstring)."""
        self.stop()
        if same_for_every_page(env):
            self.env = env

    def stop(self) -> None:
        """Stop caching and forget what was cached."""
        self.env, self._tocs = None, ()
        self._entries.clear()

    def __call__(
        self,
        env,
        prune,
        titles_only,
        collapse,
        includehidden,
        tags,
        toctree_ancestors,
        included,
        excluded,
        toctreenode,
        parents,
        subtree=False,
    ):
        """Return Sphinx's entries for ``toctreenode``: a copy of the cached ones when it may."""
        args = (env, prune, titles_only, collapse, includehidden, tags, toctree_ancestors)
        rest = (included, excluded, toctreenode, parents, subtree)
        if env is not self.env or collapse:
            return self.original(*args, *rest)
        self._follow(env)
        key = (id(toctreenode), prune, titles_only, includehidden, tuple(parents), subtree)
        hit = self._entries.get(key)
        if hit is not None and hit[0] is toctreenode:
            self._entries.move_to_end(key)
            return [entry.deepcopy() for entry in hit[1]]
        entries = self.original(*args, *rest)
        # Kept with the toctree node itself, so that its id is not reused while cached.
        self._entries[key] = (toctreenode, [entry.deepcopy() for entry in entries])
        if len(self._entries) > MAX_ENTRIES:
            self._entries.popitem(last=False)
        return entries

    def _follow(self, env) -> None:
        # A document's table of contents swapped for another object (the book's extension
        # prunes the "All countries" part per page this way) makes what was cached stale. The
        # objects are kept, so that an id is never that of a newer object.
        tocs = tuple(env.tocs.values())
        same = len(tocs) == len(self._tocs) and all(
            a is b for a, b in zip(tocs, self._tocs, strict=True)
        )
        if not same:
            self._entries.clear()
            self._tocs = tocs


def same_for_every_page(env) -> bool:
    """Return True when no document's table of contents resolves differently per page.

    Sphinx copies an ancestor of the current page in full and any other document through its
    ``only`` filter and ``tocdepth``: without either, the copies are the same.
    """
    for docname, toc in env.tocs.items():
        if env.metadata.get(docname, {}).get("tocdepth", 0):
            return False
        if next(iter(toc.findall(addnodes.only)), None) is not None:
            return False
    return True


def install(app) -> EntriesCache | None:
    """Put the cache in front of Sphinx's function for ``app``'s build; return it (None if not).

    Installed once per process; each build starts it as it writes and stops it when finished.
    """
    current = adapter._entries_from_toctree
    if isinstance(current, EntriesCache):
        cache = current
    else:
        names = list(inspect.signature(current).parameters)
        if names != _PARAMETERS:
            return None
        cache = EntriesCache(current)
        adapter._entries_from_toctree = cache

    def started(_app, builder):
        if app.config.lnob_cached_navigation:
            cache.start(builder.env)

    app.connect("write-started", started)
    app.connect("build-finished", lambda *_: cache.stop())
    return cache
