"""The evidence gap map, static and interactive, on the tiny hand-made evidence.

The helper's evidence (tests/helpers/evidence.py) plus one more ICSO study of women × 10.2, so that
one cell holds two items of a kind and marker areas differ.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # no display in tests: set here, never through MPLBACKEND

import json  # noqa: E402
import re  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from lnob_methods.plots import gapmap  # noqa: E402
from tests.helpers.evidence import D, E, W, evidence, groups  # noqa: E402

GOALS = {1: "No poverty", 5: "Gender equality", 10: "Reduced inequalities"}
FRAMEWORK = pd.DataFrame(
    {
        "goal": [1, 5, 10, 10],
        "goal_short": ["No poverty", "Gender equality", *["Reduced inequalities"] * 2],
        "target": ["1.2", "5.1", "10.2", "10.2"],  # 10.2 twice: two indicators
    }
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def ev() -> pd.DataFrame:
    e = evidence()
    extra = e[e["item_id"] == "CARE:1"].iloc[[0]].assign(item_id="CARE:3")  # women × 10.2
    return pd.concat([e, extra], ignore_index=True)


def test_goal_counts_counts_distinct_items_and_keeps_only_the_map_groups():
    outsider = ev().iloc[[0]].assign(group="youth")  # a group that is not a row of the map
    counts = gapmap.goal_counts(pd.concat([ev(), outsider]), groups())
    assert set(counts.itertuples(index=False, name=None)) == {
        (W, 5, "official_statistics", 1),  # SDGDB:5.1.1
        (W, 5, "programme_data", 1),  # CARE:2
        (W, 10, "icso_study", 2),  # CARE:1, CARE:3
        (D, 1, "community_voices", 1),  # PLAN:1
        (D, 10, "icso_study", 1),  # CARE:1
        (D, 10, "programme_data", 1),  # CARE:2
        (D, 10, "community_voices", 1),  # PLAN:1
        (E, 1, "icso_study", 1),  # FORUM:1
    }


def test_static_map_labels_title_and_legend():
    ax = gapmap.plot_gap_map(ev(), groups(), goals=GOALS, title="Kenya (synthetic inventories)")
    assert ax.get_title() == "Kenya (synthetic inventories)"
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "1. No poverty",
        "5. Gender equality",
        "10. Reduced inequalities",
    ]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Women and girls (Sex and gender)",
        "Persons with disabilities (Disability)",
        "Ethnic minorities (Race, ethnicity, caste and indigeneity)",
    ]
    assert ax.get_ylim() == (2.5, -0.5), "the first group on top"
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "Marker area: number of items"
    assert [t.get_text() for t in legend.get_texts()] == [
        "Official statistics",
        "ICSO study",
        "Programme data",
        "Community voices",
        "No evidence (gap)",
    ]


def test_static_map_has_one_marker_per_source_in_each_cell_and_hatches_empty_cells():
    ax = gapmap.plot_gap_map(ev(), groups(), goals=GOALS)
    # One scatter per source type: official, study, programme, voices. A marker sits at
    # (goal column, group row) moved by its source's offset: (-.2, -.2), (.2, -.2), (-.2, .2),
    # (.2, .2); rows W=0, D=1, E=2; columns goal 1=0, 5=1, 10=2.
    points = [
        {(round(float(x), 6), round(float(y), 6)) for x, y in c.get_offsets()}
        for c in ax.collections
    ]
    assert points == [
        {(0.8, -0.2)},  # W × 5
        {(2.2, -0.2), (2.2, 0.8), (0.2, 1.8)},  # W × 10, D × 10, E × 1
        {(0.8, 0.2), (1.8, 1.2)},  # W × 5, D × 10
        {(0.2, 1.2), (2.2, 1.2)},  # D × 1, D × 10
    ]
    # Area 18 + 160 * sqrt(n / 2): 178 for the two studies of W × 10, 131.14 for one item.
    studies = ax.collections[1]
    sizes = {
        (round(float(x), 6), round(float(y), 6)): round(float(s), 2)
        for (x, y), s in zip(studies.get_offsets(), studies.get_sizes(), strict=True)
    }
    assert sizes == {(2.2, -0.2): 178.0, (2.2, 0.8): 131.14, (0.2, 1.8): 131.14}
    # Empty cells, hatched: W × 1, D × 5, E × 5, E × 10 (lower-left corners).
    hatched = {p.get_xy() for p in ax.patches if p.get_hatch() == "///"}
    assert hatched == {(-0.5, -0.5), (0.5, 0.5), (0.5, 1.5), (1.5, 1.5)}


def test_static_map_of_no_evidence_hatches_every_cell():
    ax = gapmap.plot_gap_map(ev().iloc[:0], groups(), goals=GOALS)
    assert sum(p.get_hatch() == "///" for p in ax.patches) == 9
    assert [len(c.get_offsets()) for c in ax.collections] == [0, 0, 0, 0]


def no_network(html: str) -> bool:
    """Return True when a page loads nothing: no URL, no element with src/href, no CSS import."""
    return not (
        re.search(r"https?:|//[\w.-]+\.\w+/", html)
        or re.search(r"<[^>]*\s(src|href)\s*=", html)
        or re.search(r"@import|url\(|fetch\(|XMLHttpRequest|import\(", html)
    )


def test_no_network_catches_what_it_should():
    assert not no_network('<script src="https://cdn.example.org/d3.js"></script>')
    assert not no_network("<link href=style.css>")
    assert not no_network("<style>@import 'x.css';</style>")
    assert no_network("<p>plain</p>")


HOSTILE = "</script><script>alert('x')</script> & <b>"


def hostile_evidence() -> pd.DataFrame:
    e = ev()
    e.loc[e["item_id"] == "CARE:1", "title"] = HOSTILE
    e.loc[e["item_id"] == "CARE:1", "organisation"] = "<img src=x onerror=alert(1)>"
    return e


def test_interactive_html_escapes_hostile_text_and_uses_no_network():
    html = gapmap.interactive_html(hostile_evidence(), groups(), FRAMEWORK, f"Kenya {HOSTILE}")
    # Only the fragment's own two script elements open and close: no text from data can.
    assert html.count("<script") == 2 and html.count("</script>") == 2
    assert "<img" not in html and "<b>" not in html
    assert no_network(html)
    # The data travel as JSON that gives the text back unchanged.
    data = json.loads(re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>',
                                html, re.S)[1])  # fmt: skip
    care = next(i for i in data["items"] if i["id"] == "CARE:1")
    assert care["title"] == HOSTILE and care["org"] == "<img src=x onerror=alert(1)>"
    assert sorted(map(tuple, care["cells"])) == [(D, "10.2"), (W, "10.2")]
    assert [g["n"] for g in data["goals"]] == [1, 5, 10]
    assert [g["targets"] for g in data["goals"]] == [["1.2"], ["5.1"], ["10.2"]]
    plan = next(i for i in data["items"] if i["id"] == "PLAN:1")
    assert plan["year"] is None  # no year, not NaN (which JSON cannot hold)
    assert len(data["items"]) == 6  # five items of the helper and CARE:3


def test_interactive_html_is_the_same_for_the_same_input():
    args = (ev(), groups(), FRAMEWORK, "Kenya")
    assert gapmap.interactive_html(*args) == gapmap.interactive_html(*args)


def test_write_standalone_writes_one_offline_page(tmp_path):
    out = tmp_path / "maps" / "gap_map.html"
    written = gapmap.write_standalone(hostile_evidence(), groups(), FRAMEWORK, "Kenya <b>", out)
    assert written == out
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["gap_map.html"]
    page = out.read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">')
    assert "<title>Kenya &lt;b&gt;</title>" in page and "<h1>Kenya &lt;b&gt;</h1>" in page
    assert no_network(page)


def test_only_web_addresses_become_links():
    assert gapmap._link("https://example.org/report") == "https://example.org/report"
    assert gapmap._link("MEL focal point (synthetic)") is None  # a contact is no link
    assert gapmap._link("javascript:alert(1)") is None
    assert gapmap._link(float("nan")) is None and gapmap._link(None) is None


def test_every_item_of_the_interactive_map_carries_its_declared_provenance():
    e = ev()
    e.loc[e["item_id"] == "CARE:2", "provenance"] = "synthetic"
    e.loc[e["item_id"] == "FORUM:1", "provenance"] = "undeclared"
    html = gapmap.interactive_html(e, groups(), FRAMEWORK, "Kenya")
    payload = json.loads(re.search(r'type="application/json"[^>]*>(.*?)</script>', html, re.S)[1])
    items = payload["items"] if isinstance(payload["items"], list) else payload["items"].values()
    seen = {it["id"]: it["provenance"] for it in items}
    assert seen["CARE:2"] == "synthetic" and seen["FORUM:1"] == "undeclared"
    assert seen["SDGDB:5.1.1"] == "real"
    assert '"synthetic demonstration data"' in html  # the words the details show
