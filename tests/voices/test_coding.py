"""The testimony codebook, the deterministic keyword coding and its REFI-QDA export."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from lnob_methods.core.errors import InputError
from lnob_methods.demo.phrases import BANK
from lnob_methods.formats import refiqda
from lnob_methods.reference import taxonomy
from lnob_methods.voices import coding
from tests.helpers import PILOTS
from tests.helpers.testimonies import read_testimonies

NS = {"q": "urn:QDA-XML:codebook:1.0"}


@pytest.fixture(scope="module")
def codebook():
    return coding.load_codebook()


def test_codebook_loads_and_fits_the_frameworks(codebook):
    assert 15 <= len(codebook.themes) <= 20
    assert len(set(codebook.ids())) == len(codebook.themes)
    factors = set(taxonomy.groups_taxonomy()["factors"])
    for t in codebook.themes:
        assert t.sdg_targets and set(t.sdg_targets) <= taxonomy.target_set(), t.id
        assert t.factors and set(t.factors) <= factors, t.id
        assert set(t.rules) == {"en", "sw", "ne", "bn", "vi"}, t.id
        assert all(r == r.lower() and r for rules in t.rules.values() for r in rules)
    assert codebook.theme("child_marriage").sdg_targets == ("5.3",)
    assert {f for t in codebook.themes for f in t.factors} == factors
    with pytest.raises(KeyError, match="Did you mean 'child_marriage'"):
        codebook.theme("child_mariage")


def test_theme_targets_is_long(codebook):
    tt = coding.theme_targets(codebook)
    assert list(tt.columns) == ["theme", "target"]
    assert tt[tt["theme"] == "safety_policing"]["target"].tolist() == ["16.1", "16.3", "16.5"]
    assert len(tt) == sum(len(t.sdg_targets) for t in codebook.themes)


BROKEN = """\
version: 1
colour: red
themes:
  - id: health
    label: Health
    description: x
    sdg_targets: ["3.8", "3.99", 16.10]
    factors: [geography, poverty]
    rules:
      en: [clinic*]
      French: [hôpital]
      sw: []
  - id: health
    label: Again
    description: y
    sdg_targets: ["1.3"]
    factors: [governance]
    rules:
      sw: [Hospitali, "kli*niki"]
  - id: no_rules
    label: Empty
    sdg_targets: "5.3"
    factors: [discrimination]
"""


def test_a_broken_codebook_names_every_problem(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(InputError) as err:
        coding.load_codebook(path)
    found = [(p.kind, p.column, p.value) for p in err.value.problems]
    assert found == [
        ("unknown-key", "colour", "colour"),
        ("unknown-target", "health.sdg_targets", "3.99"),
        ("target-not-text", "health.sdg_targets", 16.1),
        ("unknown-factor", "health.factors", "poverty"),
        ("unknown-language", "health.rules", "French"),
        ("empty-rules", "health.rules.sw", []),
        ("duplicate-id", "health.id", "health"),
        ("missing-english", "health.rules", None),
        ("bad-rule", "health.rules.sw", "Hospitali"),
        ("bad-rule", "health.rules.sw", "kli*niki"),
        ("missing-key", "no_rules.description", None),
        ("missing-key", "no_rules.rules", None),
        ("wrong-type", "no_rules.sdg_targets", "5.3"),
    ]
    text = str(err.value)
    assert text.startswith("13 problem(s) found:")
    assert "key 'health.sdg_targets': is not an SDG target. Did you mean" in text
    assert 'write SDG targets as quoted text ("16.10", not 16.10' in text
    assert (
        "key 'health.rules': is not a language code: write the ISO 639 code in lower case, two "
        "letters ('sw') or three when the language has no two-letter code. (value: 'French')"
    ) in text
    assert str(path) in text


def test_yaml_syntax_error_is_located(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text("themes: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(InputError, match="is not valid YAML") as err:
        coding.load_codebook(path)
    assert err.value.problems[0].kind == "yaml-syntax"
    path.write_text("themes: []\n", encoding="utf-8")
    with pytest.raises(InputError, match="non-empty list of themes"):
        coding.load_codebook(path)


def _hits(text, language, codebook):
    return [(m.theme, m.rule, m.passage) for m in coding.code_text(text, language, codebook)]


def test_english_whole_words_and_prefix_rules(codebook):
    text = "The clinics are far. My parents cannot pay the rent!\nI dropped out of school."
    assert _hits(text, "en", codebook) == [
        ("health_care", "clinic*", "The clinics are far."),
        ("housing_eviction", "rent", "My parents cannot pay the rent!"),
        ("education", "dropped out", "I dropped out of school."),
        ("education", "school*", "I dropped out of school."),
    ]
    # "rent" is a whole word: not in "parents" or "current"; a prefix rule starts a word.
    assert _hits("The current parents. A polyclinic.", "en", codebook) == []
    assert _hits("CLINICIANS", "en", codebook)[0][1] == "clinic*"
    # "." inside an address does not end a sentence, and "example" is not "exam".
    assert _hits("Write to a.b@example.org. Hunger!", "en", codebook) == [
        ("food_hunger", "hunger", "Hunger!")
    ]


def test_swahili_and_vietnamese_match_words_with_diacritics(codebook):
    sw = "Tulienda hospitalini. Hakuna kazi hapa, na watoto hulala na njaa."
    assert _hits(sw, "sw", codebook) == [
        ("health_care", "hospitali*", "Tulienda hospitalini."),
        ("work_income", "hakuna kazi", "Hakuna kazi hapa, na watoto hulala na njaa."),
        ("food_hunger", "njaa", "Hakuna kazi hapa, na watoto hulala na njaa."),
    ]
    vi = "Trạm Y Tế ở xa lắm. Con gái lấy chồng sớm! tram y te"
    assert _hits(vi, "vi", codebook) == [
        ("health_care", "trạm y tế", "Trạm Y Tế ở xa lắm."),
        ("child_marriage", "lấy chồng sớm", "Con gái lấy chồng sớm!"),
    ]


def test_devanagari_and_bengali_match_inside_words(codebook):
    ne = "खानेपानीको धारा टाढा छ। अपाङ्गमैत्री बाटो छैन।"
    assert _hits(ne, "ne", codebook) == [
        ("water_sanitation", "पानी", "खानेपानीको धारा टाढा छ।"),
        ("water_sanitation", "धारा", "खानेपानीको धारा टाढा छ।"),
        ("disability_access", "अपाङ्ग", "अपाङ्गमैत्री बाटो छैन।"),
    ]
    bn = "পানির খুব কষ্ট। বাচ্চারা না খেয়ে ঘুমায়।"
    assert _hits(bn, "bn", codebook) == [
        ("water_sanitation", "পানি", "পানির খুব কষ্ট।"),
        ("food_hunger", "না খেয়ে", "বাচ্চারা না খেয়ে ঘুমায়।"),
    ]
    # য় typed as one code point (U+09DF) or as য + nukta: the same after NFC normalisation.
    assert _hits("না খে\u09df\u09c7", "bn", codebook) == _hits(
        "না খে\u09af\u09bc\u09c7", "bn", codebook
    )
    assert _hits("না খে\u09df\u09c7", "bn", codebook)[0][0] == "food_hunger"


def test_rules_match_whatever_the_case_of_the_text(codebook):
    # Rules are lower case and ignore case: capitals do not hide a hit.
    assert _hits("THE CLINICS ARE FAR.", "en", codebook) == [
        ("health_care", "clinic*", "THE CLINICS ARE FAR.")
    ]
    # Ignoring case, the long s "ſ" is an "s": "ſchools" is "schools", although "ſ" is no capital.
    assert _hits("The ſchools are far.", "en", codebook) == [
        ("education", "school*", "The ſchools are far.")
    ]
    assert _hits("TRẠM Y TẾ Ở XA.", "vi", codebook) == [
        ("health_care", "trạm y tế", "TRẠM Y TẾ Ở XA.")
    ]


def test_a_rule_outside_ascii_may_match_an_ascii_text(tmp_path):
    path = tmp_path / "cb.yaml"
    path.write_text(
        "version: t\nthemes:\n"
        "  - {id: school, label: School, description: d, sdg_targets: ['4.1'],"
        " factors: [geography], rules: {en: [ſchool]}}\n",
        encoding="utf-8",
    )
    cb = coding.load_codebook(path)
    assert [(m.rule, m.passage) for m in coding.code_text("No school.", "en", cb)] == [
        ("ſchool", "No school.")
    ]


def test_offsets_and_determinism(codebook):
    text = "Our land is small. The landlord raised the rent."
    first = coding.code_text(text, "en", codebook)
    assert first == coding.code_text(text, "en", codebook)
    assert [(m.rule, text[m.start : m.end]) for m in first] == [
        ("land", "land"),
        ("landlord*", "landlord"),
        ("rent", "rent"),
    ]
    assert coding.code_text("", "en", codebook) == [] == coding.code_text(None, "en", codebook)


def _frame(tmp_path):
    path = tmp_path / "cb.yaml"
    path.write_text(
        "version: t\nthemes:\n"
        "  - {id: water, label: Water, description: d, sdg_targets: ['6.1'],"
        " factors: [geography], rules: {en: [water*], sw: [maji]}}\n"
        "  - {id: fees, label: School fees, description: d, sdg_targets: ['4.1'],"
        " factors: [socio_economic_status], rules: {en: [school fee*, fees]}}\n",
        encoding="utf-8",
    )
    return coding.load_codebook(path)


def test_code_frame_one_row_per_passage_and_english_fallback(tmp_path):
    cb = _frame(tmp_path)
    texts = pd.DataFrame(
        {
            "testimony_id": ["b", "a", "a", "c"],
            "field": ["story", "story", "proposal", "story"],
            "language": ["sw", "en", "en", None],
            "text": [
                "Maji ni mbali. School fees ni ghali.",
                "Water, water everywhere. School fees and fees again.",
                "Cheaper water.",
                "",
            ],
        }
    )
    out = coding.code_frame(texts, cb)
    assert list(out.columns) == coding.FRAME_COLUMNS
    assert out.values.tolist() == [
        ["a", "proposal", "en", "water", "Water", "water*", "Cheaper water."],
        ["a", "story", "en", "fees", "School fees", "school fee*", "School fees and fees again."],
        ["a", "story", "en", "water", "Water", "water*", "Water, water everywhere."],
        # Swahili text, theme without Swahili rules: the English rules apply.
        ["b", "story", "sw", "fees", "School fees", "school fee*", "School fees ni ghali."],
        ["b", "story", "sw", "water", "Water", "maji", "Maji ni mbali."],
    ]
    with pytest.raises(InputError, match="add this column") as err:
        coding.code_frame(texts.drop(columns=["language", "text"]), cb)
    assert [p.column for p in err.value.problems] == ["language", "text"]


def test_every_bank_sentence_is_coded_with_its_theme(codebook):
    for theme, langs in BANK.items():
        for lang, kinds in langs.items():
            for sentence in kinds["s"] + kinds["p"]:
                found = {m.theme for m in coding.code_text(sentence, lang, codebook)}
                assert theme in found, (theme, lang, sentence)


def test_refi_qda_codebook(codebook, tmp_path):
    data = refiqda.codebook_xml(codebook)
    assert data == refiqda.codebook_xml(codebook)
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns=')
    root = ET.fromstring(data)
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    assert [child.tag.split("}")[1] for child in root] == ["Codes", "Sets"]
    codes = root.findall("q:Codes/q:Code", NS)
    assert len(codes) == len(codebook.themes)
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, "urn:lnob:voices:codebook")
    first = codes[0].attrib
    assert first == {
        "guid": str(uuid.uuid5(namespace, "theme:health_care")).upper(),
        "name": "Health care access and cost",
        "isCodable": "true",
        "color": refiqda.PALETTE[0],
    }
    description = codes[0].find("q:Description", NS).text
    assert "SDG targets: 3.8, 3.1" in description
    assert "  vi: bệnh viện; trạm y tế" in description
    guids = {c.get("guid") for c in codes}
    sets = {s.get("name"): s for s in root.findall("q:Sets/q:Set", NS)}
    factor_sets = [n for n in sets if n.startswith("UNDP factor: ")]
    assert len(factor_sets) == 5
    assert sum(n.startswith("SDG ") for n in sets) == 11
    members = [m.get("guid") for m in sets["UNDP factor: Governance"].findall("q:MemberCode", NS)]
    expected = [t for t in codebook.themes if "governance" in t.factors]
    assert members == [refiqda.guid("theme", t.id) for t in expected]
    assert all(m.get("guid") in guids for m in root.iter("{urn:QDA-XML:codebook:1.0}MemberCode"))
    assert refiqda.write_qdc(codebook, tmp_path / "lnob.qdc").read_bytes() == data


# Element and attribute names of the REFI-QDA Codebook.xsd (v1.0), as QualCoder ships it
# (qualcoder/xsd.py) and portableQDA writes it: CodeBook(origin) > Codes > Code(guid, name,
# isCodable, color) > Description, Code; CodeBook > Sets > Set(guid, name) > Description,
# MemberCode(guid).
XSD = {
    "CodeBook": ({"origin"}, ["Codes", "Sets"]),
    "Codes": (set(), ["Code"]),
    "Code": ({"guid", "name", "isCodable", "color"}, ["Description", "Code"]),
    "Sets": (set(), ["Set"]),
    "Set": ({"guid", "name"}, ["Description", "MemberCode"]),
    "MemberCode": ({"guid"}, []),
    "Description": (set(), []),
}
REQUIRED = {"Code": {"guid", "name", "isCodable"}, "Set": {"guid", "name"}, "MemberCode": {"guid"}}


def test_refi_qda_codebook_follows_the_schema_names(codebook):
    root = ET.fromstring(refiqda.codebook_xml(codebook))
    guid_re = r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"
    for el in root.iter():
        name = el.tag.removeprefix("{urn:QDA-XML:codebook:1.0}")
        attrs, children = XSD[name]
        assert set(el.attrib) <= attrs, name
        assert REQUIRED.get(name, set()) <= set(el.attrib), name
        order = [c.tag.split("}")[1] for c in el]
        assert all(c in children for c in order), name
        # schema sequences: children appear in the declared order
        assert order == sorted(order, key=children.index), name
        if "guid" in el.attrib:
            assert pd.Series([el.get("guid")]).str.fullmatch(guid_re).all()


@pytest.mark.parametrize("iso3", PILOTS)
def test_synthetic_stories_are_coded_with_two_themes_or_more(iso3, codebook):
    main, _ = read_testimonies(iso3)
    texts = pd.DataFrame(
        {
            "testimony_id": main["_index"] if "_index" in main else main["KEY"],
            "field": "story",
            "language": main["language"],
            "text": main["story_text"],
        }
    )
    coded = coding.code_frame(texts, codebook)
    per_story = coded.groupby("testimony_id")["theme"].nunique()
    share = (per_story.reindex(texts["testimony_id"]).fillna(0) >= 2).mean()
    assert share >= 0.9
    for lang in main["language"].unique():
        ids = texts.loc[texts["language"] == lang, "testimony_id"]
        assert (per_story.reindex(ids).fillna(0) >= 2).mean() >= 0.9, lang


def test_canary_sentences_carry_no_theme_keyword(codebook):
    from lnob_methods.demo.phrases import CANARIES

    values = {"First": "Xq", "Last": "Zq", "Middle": "Thị", "phone": "0712 345 678"}
    values |= {"email": "x.y@example.org", "id": "12345678", "Place": "Kibra"}
    for lang, patterns in CANARIES.items():
        for _, sentence in patterns:
            assert coding.code_text(sentence.format(**values), lang, codebook) == [], sentence


def test_languages_without_rules_are_counted_and_named():
    codebook = coding.load_codebook()
    # The codebook has rules in en, sw, ne, bn and vi only.
    assert coding.rule_languages(codebook) == {"en", "sw", "ne", "bn", "vi"}
    langs = pd.Series(["en", "lg", "sw", "lg", "other", "lg", "ach", None])
    counts = coding.uncoded_counts(langs, codebook)
    assert counts == {"ach": 1, "lg": 3, "other": 1}
    assert coding.uncoded_messages(counts, {"lg": "Luganda"}) == [
        "1 testimony in ach is not coded: add rules for 'ach' to the codebook "
        "(data/voices/codebook.yaml).",
        "3 testimonies in Luganda are not coded: add rules for 'lg' to the codebook "
        "(data/voices/codebook.yaml).",
        "1 testimony in a language marked 'other' is not coded: declare the language's code "
        "under 'languages:' in the country config, record it in the form and add rules for it "
        "to the codebook (data/voices/codebook.yaml).",
    ]


def test_rules_for_a_new_language_are_accepted(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text(
        "version: 1\nthemes:\n  - id: health\n    label: Health\n    description: x\n"
        '    sdg_targets: ["3.8"]\n    factors: [geography]\n'
        "    rules:\n      en: [clinic*]\n      lg: [eddwaliro]\n",
        encoding="utf-8",
    )
    codebook = coding.load_codebook(path)
    assert coding.rule_languages(codebook) == {"en", "lg"}
    assert coding.uncoded_counts(pd.Series(["lg", "lg"]), codebook) == {}
    assert [m.rule for m in coding.code_text("Eddwaliro liri wala.", "lg", codebook)] == [
        "eddwaliro"
    ]
