"""Loading a country's inventories: the pilots load clean; valid generated files round-trip."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lnob_methods.inventory import load as inventories
from lnob_methods.inventory.schema import FIELDS
from tests.helpers.inventories import ITEMS, VALUES, csv_text


def test_pilot_inventories_load_clean_with_organisation_on_every_row():
    for iso3 in ["BGD", "KEN", "NPL", "VNM"]:
        t = inventories.load_country(iso3)
        assert len(t) > 200 and t["organisation"].notna().all()
        assert t["organisation"].nunique() >= 8
        assert t["title"].str.endswith("(synthetic)").all()


codes = st.sampled_from
item = st.fixed_dictionaries(
    {
        "evidence_type": codes(["study", "survey", "dataset", "evaluation", "citizen_generated"]),
        "method": codes(["quantitative", "qualitative", "mixed", "participatory"]),
        "sdg_targets": st.lists(
            codes(["1.1", "5.2", "10.2", "16.10", "17.18"]), min_size=1, max_size=3, unique=True
        ),
        "groups": st.lists(
            codes(["youth", "women_and_girls", "small_scale_farmers"]),
            min_size=1,
            max_size=3,
            unique=True,
        ),
        "year_from": st.integers(1990, 2020),
        "span": st.integers(0, 5),
        "quality": codes(["low", "medium", "high"]),
        "title": st.text(
            st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=40
        ).filter(lambda t: t.strip() == t and t and not t.upper().startswith("EXAMPLE")),
    }
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(item, min_size=1, max_size=6))
def test_valid_generated_inventories_are_accepted_and_round_trip(tmp_path, items):
    rows = []
    for i, it in enumerate(items):
        base = dict(ITEMS[1])
        base.update(
            id=f"H-{i}",
            title=it["title"],
            evidence_type=it["evidence_type"],
            method=it["method"],
            sdg_targets="; ".join(it["sdg_targets"]),
            groups="; ".join(it["groups"]),
            year_from=it["year_from"],
            year_to=it["year_from"] + it["span"],
            quality=it["quality"],
        )
        rows.append([base[f] for f in VALUES])
    path = tmp_path / "gen.csv"
    path.write_text(csv_text(rows, [f.label for f in FIELDS]), encoding="utf-8")
    table, problems = inventories.check_files([path], "KEN")
    assert problems == []
    assert table["title"].tolist() == [it["title"] for it in items]
    assert [set(t) for t in table["sdg_targets"]] == [set(it["sdg_targets"]) for it in items]
    assert table["year_to"].tolist() == [it["year_from"] + it["span"] for it in items]


def test_a_100000_row_inventory_is_validated_within_200_mib(tmp_path):
    """Peak memory (traced) of reading and checking 100,000 rows: a bound, not a timing."""
    import tracemalloc

    from lnob_methods.core import paths

    source = paths.countries_dir() / "KEN" / "inventories" / "synthetic_care.csv"
    header, *rows = source.read_text(encoding="utf-8").splitlines()
    lines = [header]
    lines += [f"B-{i:06d};" + rows[i % len(rows)].split(";", 1)[1] for i in range(100_000)]
    path = tmp_path / "inventory_100k.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    del lines
    tracemalloc.start()
    try:
        tidy, problems = inventories.check_files([path], "KEN")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert problems == [] and len(tidy) == 100_000
    assert tidy["id"].is_unique and tidy["organisation"].eq("CARE").all()
    assert peak < 200 * 2**20, f"peak {peak / 2**20:.0f} MiB"
