"""The navigation's toctree entries, resolved once per build: when the cache answers, and when not.

The end-to-end check that the site is the same with and without it is in
``tests/e2e/test_global_nav.py`` and ``tests/e2e/test_site.py``.
"""

from __future__ import annotations

from types import SimpleNamespace

from docutils import nodes
from sphinx import addnodes

from lnob_methods.site import toctree_cache


def _toc(*titles):
    items = [nodes.list_item("", addnodes.compact_paragraph("", "", nodes.Text(t))) for t in titles]
    return nodes.bullet_list("", *items)


def _env(**tocs):
    return SimpleNamespace(tocs=dict(tocs), metadata={name: {} for name in tocs})


class _Sphinx:
    """Stands for Sphinx's function: counts its calls, returns fresh entries."""

    def __init__(self):
        self.calls = 0

    def __call__(self, env, prune, titles_only, collapse, includehidden, tags, ancestors, *rest):
        self.calls += 1
        return [_toc("Intro", "Kenya")]


def _resolve(cache, env, node, collapse=False, ancestors=()):
    return cache(env, True, True, collapse, True, None, set(ancestors), None, None, node, [])


def test_a_started_cache_resolves_each_toctree_once_and_hands_out_copies():
    sphinx, env, node = _Sphinx(), _env(intro=_toc("Intro")), addnodes.toctree()
    cache = toctree_cache.EntriesCache(sphinx)
    cache.start(env)
    first = _resolve(cache, env, node, ancestors={"intro"})
    first[0]["classes"].append("current")  # Sphinx marks the entries it gets for its page
    second = _resolve(cache, env, node, ancestors={"kenya"})
    second[0]["classes"].append("current")
    third = _resolve(cache, env, node, ancestors={"intro"})
    assert sphinx.calls == 1
    assert second[0]["classes"] == ["current"]
    assert third[0]["classes"] == [], "each page gets entries without another page's marks"
    assert second[0].astext() == first[0].astext() == "Intro\n\nKenya"
    assert _resolve(cache, env, addnodes.toctree()) is not None and sphinx.calls == 2


def test_the_cache_answers_only_for_its_build_and_never_for_a_collapsed_navigation():
    sphinx, env, node = _Sphinx(), _env(intro=_toc("Intro")), addnodes.toctree()
    cache = toctree_cache.EntriesCache(sphinx)
    _resolve(cache, env, node)
    _resolve(cache, env, node)
    assert sphinx.calls == 2, "not started: every call goes to Sphinx"
    cache.start(env)
    _resolve(cache, env, node, collapse=True)
    _resolve(cache, env, node, collapse=True)
    assert sphinx.calls == 4, "collapsed: what is shown depends on the page"
    _resolve(cache, _env(intro=_toc("Intro")), node)
    assert sphinx.calls == 5, "another build's environment"
    cache.stop()
    _resolve(cache, env, node)
    assert sphinx.calls == 6


def test_a_table_of_contents_swapped_during_the_build_empties_the_cache():
    sphinx, env, node = _Sphinx(), _env(intro=_toc("Intro"), world=_toc("All")), addnodes.toctree()
    cache = toctree_cache.EntriesCache(sphinx)
    cache.start(env)
    _resolve(cache, env, node)
    _resolve(cache, env, node)
    assert sphinx.calls == 1
    full = env.tocs["world"]
    env.tocs["world"] = _toc("One country")  # what the book's extension does for a page
    _resolve(cache, env, node)
    assert sphinx.calls == 2
    env.tocs["world"] = full
    _resolve(cache, env, node)
    assert sphinx.calls == 3


def test_only_directives_or_a_tocdepth_keep_sphinx_s_own_per_page_resolution():
    plain = _env(intro=_toc("Intro"))
    assert toctree_cache.same_for_every_page(plain)
    deep = _env(intro=_toc("Intro"))
    deep.metadata["intro"]["tocdepth"] = 2
    assert not toctree_cache.same_for_every_page(deep)
    with_only = _toc("Intro")
    with_only[0][0].append(addnodes.only(expr="html"))
    assert not toctree_cache.same_for_every_page(_env(intro=with_only))
    cache = toctree_cache.EntriesCache(_Sphinx())
    cache.start(deep)
    assert cache.env is None, "not started for such a book"


def test_a_sphinx_whose_function_has_other_parameters_is_left_as_it_is(monkeypatch):
    from sphinx.environment.adapters import toctree as adapter

    def other(env, toctreenode):
        return []

    monkeypatch.setattr(adapter, "_entries_from_toctree", other)
    assert toctree_cache.install(SimpleNamespace(connect=lambda *a: None)) is None
    assert adapter._entries_from_toctree is other
