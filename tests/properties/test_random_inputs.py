"""Loaders never crash on junk, YAML is only read safely, and the reliability table is produced."""

from __future__ import annotations

import re
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lnob_methods.core.errors import InputError, LnobError
from lnob_methods.inventory import load as inventories
from lnob_methods.reference import countries
from tests.helpers import ROOT

SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(data=st.binary(max_size=2048), suffix=st.sampled_from([".csv", ".xlsx", ".txt", ".xls"]))
def test_random_bytes_never_crash_the_inventory_loader(tmp_path, data, suffix):
    path = tmp_path / f"junk{suffix}"
    path.write_bytes(data)
    table, problems = inventories.check_files([path], "KEN")
    assert problems or len(table) == 0 or table["id"].notna().all()


cells = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=["Cc", "Cs"]), max_size=12),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
)


@SETTINGS
@given(rows=st.lists(st.lists(cells, min_size=0, max_size=22), max_size=8))
def test_random_spreadsheet_content_gives_located_problems(tmp_path, rows):
    from openpyxl import Workbook

    from lnob_methods.inventory.schema import FIELDS

    wb = Workbook()
    ws = wb.active
    ws.title = "Inventory"
    ws.append([f.label for f in FIELDS])
    for r in rows:
        ws.append(r)
    path = tmp_path / "random.xlsx"
    wb.save(path)
    _, problems = inventories.check_files([path], "KEN")
    for p in problems:
        assert p.file == str(path) and p.kind and p.message


@SETTINGS
@given(text=st.text(max_size=300))
def test_random_country_config_gives_only_input_errors(tmp_path, text):
    path = tmp_path / "KEN.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        countries.parse_country(path)
    except InputError as exc:
        assert exc.problems and all(p.file for p in exc.problems)
    except LnobError:
        pass


def test_yaml_is_only_read_with_a_safe_loader():
    unsafe = re.compile(
        r"yaml\.(load|unsafe_load|full_load)\(|Loader=yaml\.(Loader|FullLoader|UnsafeLoader)"
    )
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("lnob_methods", "tests", "benchmarks", "book")
        for p in (ROOT / folder).rglob("*.py")
        if unsafe.search(p.read_text(encoding="utf-8")) and p.name != "test_robustness.py"
    ]
    assert offenders == []


def test_xlsx_member_outside_the_archive_is_refused_without_extraction(tmp_path):
    path = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("/etc/cron.d/evil", "x")
    _, problems = inventories.check_files([path], "KEN")
    assert [p.kind for p in problems] == ["unsafe-file"]
    assert not (tmp_path / "etc").exists()


@SETTINGS
@given(data=st.binary(max_size=2048), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_random_bytes_never_crash_the_testimony_loader(tmp_path, data, suffix):
    from lnob_methods.voices import reader as voices_io
    from lnob_methods.voices.checks import check_testimonies

    path = tmp_path / f"junk{suffix}"
    path.write_bytes(data)
    main, _, problems = voices_io.read_files([path])
    tidy, found = check_testimonies(main, "KEN", ["youth"])
    assert all(p.file == str(path) and p.kind for p in problems + found)


@SETTINGS
@given(rows=st.lists(st.lists(cells, min_size=0, max_size=16), max_size=8))
def test_random_testimony_export_content_gives_located_problems(tmp_path, rows):
    from openpyxl import Workbook

    from lnob_methods.voices import reader as voices_io
    from lnob_methods.voices.checks import check_testimonies, consent_status, exclusion_counts

    wb = Workbook()
    ws = wb.active
    ws.append(
        [
            "consent/consent_use",
            "consent/consent_publish",
            "respondent/age_band",
            "respondent/sex",
            "respondent/groups",
            "respondent/admin1",
            "child_consent/caregiver_consent",
            "child_consent/child_assent",
            "story/language",
            "story/story_text",
            "_uuid",
            "_index",
            "_submission_time",
        ]
    )
    for r in rows:
        ws.append(r)
    path = tmp_path / "random.xlsx"
    wb.save(path)
    main, _, problems = voices_io.read_files([path])
    tidy, found = check_testimonies(main, "KEN", ["youth", "women_and_girls"])
    for p in problems + found:
        assert p.file == str(path) and p.kind and p.message
    # every row read is accounted for, whatever it holds
    table = exclusion_counts(len(main), problems + found, consent_status(tidy))
    assert int(table["testimonies"].sum()) == len(main)
