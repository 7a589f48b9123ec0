"""Redaction of personal data: known answers per kind and language, canaries, the labelled set."""

from __future__ import annotations

import math
import unicodedata

import pandas as pd
import pytest

from lnob_methods.core.errors import InputError
from lnob_methods.voices import redact, redact_rules
from tests.helpers.redaction import gaz, labelled


def red(text: str, language: str, iso3: str) -> str:
    return redact.redact(text, language, gaz(iso3)).text


def test_public_constants():
    assert redact.KINDS == ("name", "phone", "email", "id_number", "place")
    assert redact.PLACEHOLDER == {
        "name": "[name]",
        "phone": "[phone]",
        "email": "[email]",
        "id_number": "[id]",
        "place": "[place]",
    }


# ----- known answers: each kind in each language ---------------------------------------------
KNOWN = [
    (
        "KEN",
        "en",
        "My name is Grace Wanjiku and I live in Changamwe.",
        "My name is [name] and I live in [place].",
    ),
    (
        "KEN",
        "en",
        "My neighbour Peter Otieno moved from Likoni.",
        "My neighbour [name] moved from [place].",
    ),
    (
        "KEN",
        "en",
        "Mama Achieng sells tomatoes in Nairobi.",
        "Mama [name] sells tomatoes in Nairobi.",
    ),
    ("KEN", "en", "Call me on +254 712 345 678 or 0712-345-678.", "Call me on [phone] or [phone]."),
    ("KEN", "en", "My ID number is 12345678.", "My ID number is [id]."),
    ("KEN", "en", "Write to grace.w@example.org before Friday.", "Write to [email] before Friday."),
    ("KEN", "en", "I live in Kawangware village.", "I live in [place] village."),
    (
        "KEN",
        "en",
        "Hope is all we have. Hope Akinyi disagrees.",
        "Hope is all we have. [name] disagrees.",
    ),
    ("KEN", "en", "brian ochieng has no birth certificate.", "[name] has no birth certificate."),
    ("KEN", "sw", "Jina langu ni Amina Hassan.", "Jina langu ni [name]."),
    ("KEN", "sw", "Naitwa Wanjiru Kamau.", "Naitwa [name]."),
    (
        "KEN",
        "sw",
        "Nipigie kwa 0733 456 789, nambari yangu ni 0712345678.",
        "Nipigie kwa [phone], nambari yangu ni [phone].",
    ),
    ("KEN", "sw", "Kitambulisho changu ni 28765432.", "Kitambulisho changu ni [id]."),
    ("KEN", "sw", "Tunaishi kijiji cha Kiandutu.", "Tunaishi kijiji cha [place]."),
    ("KEN", "sw", "Tunaishi Kisauni, Mama Zawadi pia.", "Tunaishi [place], Mama [name] pia."),
    (
        "KEN",
        "sw",
        "Zawadi kubwa ni elimu; kwa mara ya kwanza tulipata maji.",
        "Zawadi kubwa ni elimu; kwa mara ya kwanza tulipata maji.",
    ),
    ("KEN", "sw", "Tuma kwa otieno.james@gmail.com leo.", "Tuma kwa [email] leo."),
    ("NPL", "ne", "मेरो नाम सीता थापा हो।", "मेरो नाम [name] हो।"),
    ("NPL", "ne", "मेरो फोन नम्बर ९८४१२३४५६७ हो।", "मेरो फोन नम्बर [phone] हो।"),
    ("NPL", "ne", "नागरिकता नम्बर १२-०१-७४-१२३४५ हो।", "नागरिकता नम्बर [id] हो।"),
    ("NPL", "ne", "खोकना गाउँमा बस्छु।", "[place] गाउँमा बस्छु।"),
    ("NPL", "ne", "मेरो इमेल sita.bk@gmail.com हो।", "मेरो इमेल [email] हो।"),
    ("NPL", "ne", "लक्ष्मी दिदीले सिकाउनुभयो।", "[name] दिदीले सिकाउनुभयो।"),
    ("NPL", "ne", "मेरो नाम गीता हो र म ललितपुरमा बस्छु।", "मेरो नाम [name] हो र म [place]मा बस्छु।"),
    ("BGD", "bn", "আমার নাম রহিমা খাতুন।", "আমার নাম [name]।"),
    ("BGD", "bn", "আমার ফোন নম্বর ০১৭১২-৩৪৫৬৭৮।", "আমার ফোন নম্বর [phone]।"),
    ("BGD", "bn", "এনআইডি নম্বর ১৯৮৭৬৫৪৩২১", "এনআইডি নম্বর [id]"),
    ("BGD", "bn", "নয়াপাড়া গ্রামে থাকি।", "[place] গ্রামে থাকি।"),
    ("BGD", "bn", "আমার ইমেইল rina.akter@gmail.com।", "আমার ইমেইল [email]।"),
    ("BGD", "bn", "করিম ভাই আমাদের সভাপতি।", "[name] ভাই আমাদের সভাপতি।"),
    ("VNM", "vi", "Tên tôi là Nguyễn Thị Lan.", "Tên tôi là [name]."),
    ("VNM", "vi", "Tôi tên là Trần Văn Hùng.", "Tôi tên là [name]."),
    ("VNM", "vi", "Số điện thoại của tôi là 0912.345.678.", "Số điện thoại của tôi là [phone]."),
    ("VNM", "vi", "CCCD của tôi là 001085012345.", "CCCD của tôi là [id]."),
    ("VNM", "vi", "Tôi sống ở thôn Tả Van.", "Tôi sống ở thôn [place]."),
    ("VNM", "vi", "Tôi đến từ Ba Đình, Hà Nội.", "Tôi đến từ [place], Hà Nội."),
    ("VNM", "vi", "Chị Mai và anh Dũng giúp tôi.", "Chị [name] và anh [name] giúp tôi."),
    ("VNM", "vi", "Email: lan.nguyen@gmail.com", "Email: [email]"),
    (
        "VNM",
        "vi",
        "Gia đình tôi trồng hoa lan ở Hà Giang.",
        "Gia đình tôi trồng hoa lan ở Hà Giang.",
    ),
    ("VNM", "en", "I work in Ba Dinh and live in Hanoi.", "I work in [place] and live in Hanoi."),
    ("NPL", "en", "My citizenship number is 27-01-75/12345.", "My citizenship number is [id]."),
    ("BGD", "en", "Contact: rahima@mail.com, +880 1712-345678.", "Contact: [email], [phone]."),
]


@pytest.mark.parametrize(("iso3", "language", "text", "expected"), KNOWN)
def test_known_answers(iso3, language, text, expected):
    assert red(text, language, iso3) == expected


@pytest.mark.parametrize(
    ("iso3", "language", "text"),
    [
        ("KEN", "en", "We moved to Nairobi, then Mombasa, Kisumu and Nakuru."),
        ("KEN", "sw", "Nairobi, Mombasa, Kisumu, Nakuru na Kiambu ni kaunti."),
        ("NPL", "en", "Bagmati, Sudurpashchim, Koshi and Madhesh are provinces."),
        ("NPL", "ne", "बागमती, कर्णाली, लुम्बिनी र सुदूरपश्चिम प्रदेश।"),
        ("BGD", "en", "Dhaka, Chattogram, Chittagong, Sylhet and Rangpur are divisions."),
        ("BGD", "bn", "ঢাকা, চট্টগ্রাম, খুলনা আর সিলেট বিভাগ। ঢাকায় এসে রিকশা চালাই।"),
        ("VNM", "en", "Hanoi, Ha Noi, Ho Chi Minh City, Hai Phong and Da Nang are cities."),
        ("VNM", "vi", "Hà Nội, Hải Phòng, Đà Nẵng, Thành phố Hồ Chí Minh, Lào Cai và Bắc Ninh."),
    ],
)
def test_admin1_names_are_kept(iso3, language, text):
    assert redact.find(text, language, gaz(iso3)) == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "In 2019 I paid KSh 5,000 and we are 7 in the house; I am 45 years old."),
        ("en", "I was born on 12/03/1985 and we moved in 2010, 2015 and 2019."),
        ("en", "They gave us 1,250,000 shillings for 12 people aged 3 to 67."),
        ("en", "On Friday in May, Covid and God, SDG 10.2 and Leave No One Behind."),
        ("en", "ActionAid, Save the Children, CARE, World Vision and Plan International helped."),
        ("sw", "Nililipa shilingi 2,500 kwa dawa mwaka 2021, watoto ni sita."),
        ("vi", "Năm 2020 chúng tôi nhận 150.000.000 đồng hỗ trợ, nhà có 5 người."),
        ("ne", "मेरो उमेर ४५ वर्ष हो, २०७२ सालमा ५००० रुपैयाँ पाएँ।"),
        ("bn", "২০২২ সালে ১৫০০০ টাকা পেয়েছি, আমরা ৫ জন।"),
    ],
)
def test_numbers_and_words_that_are_not_personal_data(language, text):
    iso3 = {"en": "KEN", "sw": "KEN", "vi": "VNM", "ne": "NPL", "bn": "BGD"}[language]
    assert redact.find(text, language, gaz(iso3)) == []


def test_decomposed_accents_digits_in_names_and_empty_text():
    nfd = unicodedata.normalize("NFD", "Tôi sống ở Ba Đình.")
    done = redact.redact(nfd, "vi", gaz("VNM"))
    assert done.text == unicodedata.normalize("NFD", "Tôi sống ở [place].")
    assert done.spans[0].text == unicodedata.normalize("NFD", "Ba Đình")
    # "Quan 7" is an admin-2 name; "Quận 13" is none and "Quan 1" must not match inside it.
    assert (
        red("Tôi ở Quận 7, không phải Quận 13.", "vi", "VNM")
        == "Tôi ở [place], không phải Quận 13."
    )
    assert redact.redact("", "en", gaz("KEN")) == redact.Redacted("", ())


def test_overlaps_resolved_longer_span_then_kind():
    # A title makes "Hoàng Mai" a person; after "ở" (in) it is the Hanoi district.
    spans = redact.find("Chị Hoàng Mai ở Hoàng Mai.", "vi", gaz("VNM"))
    assert [(s.kind, s.text) for s in spans] == [("name", "Hoàng Mai"), ("place", "Hoàng Mai")]
    # The whole name wins over the district "Vinh" inside it.
    spans = redact.find("Ông Lê Quang Vinh sống ở Vinh.", "vi", gaz("VNM"))
    assert [(s.kind, s.text) for s in spans] == [("name", "Lê Quang Vinh"), ("place", "Vinh")]
    # Digits inside an e-mail are not a phone; a number after an ID cue is an ID.
    assert red("Email jkiprono0712345678@gmail.com please.", "en", "KEN") == "Email [email] please."
    assert red("My ID number is 0712345678.", "en", "KEN") == "My ID number is [id]."


def test_spans_point_at_the_original_text():
    text = "Bà Phạm Thị Hương ở xã Bản Phố, số 0912 345 678; मेरो फोन ९८४१२३४५६७; CCCD 001085012345."
    done = redact.redact(text, "vi", gaz("VNM"))
    assert [(s.kind, s.text) for s in done.spans] == [
        ("name", "Phạm Thị Hương"),
        ("place", "Bản Phố"),
        ("phone", "0912 345 678"),
        ("phone", "९८४१२३४५६७"),
        ("id_number", "001085012345"),
    ]
    for s in done.spans:
        assert text[s.start : s.end] == s.text
    starts = [s.start for s in done.spans]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(done.spans, done.spans[1:], strict=False))
    assert done.text == "Bà [name] ở xã [place], số [phone]; मेरो फोन [phone]; CCCD [id]."


def test_gazetteer_from_the_ocha_file():
    ken, npl, bgd, vnm = (redact.gazetteer(c) for c in ("KEN", "NPL", "BGD", "VNM"))
    # Admin-2 rows less those named like an admin-1 area (Kiambu, Makueni, Vihiga, Homa Bay).
    assert (len(ken.names), len(npl.names), len(bgd.names), len(vnm.names)) == (286, 77, 56, 644)
    assert "Changamwe" in ken and "Kibra" in ken and "Turkana West" in ken
    assert "Nairobi" not in ken and "Kiambu" not in ken and "Mombasa" not in ken
    assert "Kathmandu" in npl and "Surkhet" in npl and "Bagmati" not in npl
    assert "Kurigram" in bgd and "Cox's Bazar" in bgd
    assert "Dhaka" not in bgd and "Chittagong" not in bgd  # admin-1 and admin-2 alike
    assert "Ba Dinh" in vnm and "Ba Đình" in vnm and "ba dinh" in vnm
    assert "Ha Noi" not in vnm and "Bac Ninh" not in vnm
    assert {
        "Nairobi",
        "Bagmati",
        "Dhaka",
        "Ha Noi",
    } <= ken.admin1 | npl.admin1 | bgd.admin1 | vnm.admin1
    assert "Kiandutu" not in ken and "Kiandutu" in redact.gazetteer("KEN", ["Kiandutu"])
    # A listed place named like an admin-1 area stays published.
    assert "Nakuru" not in redact.gazetteer("KEN", ["Nakuru"])
    # Cached per (iso3, places), whatever the case or sequence type.
    assert redact.gazetteer("ken", ["Kiandutu"]) is redact.gazetteer("KEN", ("Kiandutu",))


def test_unknown_country_is_reported():
    with pytest.raises(InputError) as err:
        redact.gazetteer("XXX")
    message = str(err.value)
    assert "ocha_global_pcodes_adm1_adm2.csv.gz" in message
    assert "has no admin-1 or admin-2 names for this country" in message
    assert "check the ISO3 code, or list the country's villages and settlements" in message


def test_a_territory_without_ocha_names_uses_the_places_of_its_config():
    # Aland (ALA) has no row in the OCHA P-code file: its own places are what is redacted.
    with pytest.raises(InputError, match="under `places` in ALA.yaml"):
        redact.gazetteer("ALA")
    gaz = redact.gazetteer("ALA", ["Mariehamn"])
    assert "Mariehamn" in gaz
    assert redact.redact("I grew up in Mariehamn.", "en", gaz).text != "I grew up in Mariehamn."


def test_deterministic_and_independent_of_call_order():
    cases = labelled()["cases"]
    first = [redact.redact(c["text"], c["language"], gaz(c["iso3"])) for c in cases]
    again = [redact.redact(c["text"], c["language"], gaz(c["iso3"])) for c in reversed(cases)]
    assert first == again[::-1]


def test_long_text_is_handled():
    sentence = "My name is Grace Wanjiku, call 0712 345 678; I live in Changamwe. "
    done = redact.redact(sentence * 500, "en", gaz("KEN"))
    assert done.text == "My name is [name], call [phone]; I live in [place]. " * 500
    assert len(done.spans) == 1500


# ----- canaries: patterns planted in the synthetic demonstration testimonies -------------------
CANARIES = {
    ("KEN", "en"): [
        (
            "My name is {0} {1}.",
            [("Grace", "Wanjiku"), ("Thomas", "Mwakilema"), ("Zuhura", "Chepngetich")],
        ),
        ("Yesterday my neighbour {0} {1} came back.", [("Peter", "Otieno"), ("Dorcas", "Nyaboke")]),
        ("Mama {0} sells tomatoes.", [("Achieng",), ("Zawadi",), ("Nekesa",), ("Kerubo",)]),
        (
            "You can call me on {0} any time.",
            [("+254 712 345 678",), ("0712 345 678",), ("0712-345-678",)],
        ),
        ("My number is {0}.", [("0712345678",), ("+254712345678",), ("0722 000 111",)]),
        (
            "Please write to {0} for details.",
            [("grace.w@example.org",), ("j_kamau77@yahoo.co.ke",)],
        ),
        ("My ID number is {0}.", [("23456789",), ("1234567",)]),
        ("I live in {0} village.", [("Changamwe",), ("Kiandutu",), ("Kilifi North",)]),
        ("Then we moved from {0} to the city.", [("Likoni",), ("Kawangware",), ("Turkana West",)]),
    ],
    ("KEN", "sw"): [
        ("Jina langu ni {0} {1}.", [("Amina", "Hassan"), ("Mwanajuma", "Chiro")]),
        ("Naitwa {0} {1}.", [("Wanjiru", "Kamau"), ("Kerubo", "Moraa")]),
        ("Mama {0} ananisaidia.", [("Zawadi",), ("Nafula",), ("Kadzo",)]),
        ("Tafadhali nipigie kwa {0} jioni.", [("0733 456 789",), ("+254 711 222 333",)]),
        ("Nambari yangu ni {0}.", [("0712345678",), ("0101 234 567",)]),
        ("Kitambulisho changu ni {0}.", [("28765432",), ("9876543",)]),
        ("Tunaishi kijiji cha {0} karibu na mto.", [("Kiandutu",), ("Rabai",), ("Makongeni",)]),
        ("Sasa tunaishi {0} na watoto.", [("Kisauni",), ("Korogocho",), ("Embakasi East",)]),
    ],
    ("NPL", "ne"): [
        ("मेरो नाम {0} {1} हो।", [("सीता", "थापा"), ("मनमाया", "सुनार"), ("बिमला", "राई")]),
        (
            "मेरो फोन नम्बर {0} हो।",
            [("९८४१२३४५६७",), ("9841234567",), ("+९७७-९८४१२३४५६७",), ("०१-४४१२३४५",)],
        ),
        (
            "नागरिकता नम्बर {0} हराएको छ।",
            [("१२-०१-७४-१२३४५",), ("२७-०१-७५/१२३४५",), ("12-01-74-12345",)],
        ),
        ("{0} गाउँमा बस्छु।", [("खोकना",), ("बुङमती",), ("Khokana",), ("सिम्ले",)]),
    ],
    ("BGD", "bn"): [
        ("আমার নাম {0} {1}।", [("রহিমা", "খাতুন"), ("পারুল", "আক্তার"), ("লাইলী", "বেগম")]),
        ("আমার ফোন নম্বর {0}।", [("০১৭১২-৩৪৫৬৭৮",), ("+৮৮০ ১৭১২-৩৪৫৬৭৮",), ("01712345678",)]),
        (
            "এনআইডি নম্বর {0} দিয়ে ভাতা পাই না।",
            [("১৯৮৭৬৫৪৩২১",), ("১২৩৪৫৬৭৮৯০১২৩",), ("১৯৯১২৬৯৫০৭১২৩৪৫৬৭",)],
        ),
        ("{0} গ্রামে থাকি।", [("নয়াপাড়া",), ("শ্যামনগর",), ("Nayapara",)]),
    ],
    ("VNM", "vi"): [
        ("Tên tôi là {0} {1}.", [("Lan", "Nguyễn"), ("Páo", "Giàng"), ("Sáng", "Lò")]),
        (
            "Tôi tên là {0} {1} {2}.",
            [("Nguyễn", "Thị", "Lan"), ("Lò", "Văn", "Sáng"), ("Nguyễn", "Văn", "Tâm")],
        ),
        (
            "Số điện thoại của tôi là {0}.",
            [("0912 345 678",), ("+84 912 345 678",), ("0912.345.678",)],
        ),
        ("CCCD của tôi là {0}.", [("001085012345",), ("038162004321",)]),
        ("Tôi sống ở thôn {0}.", [("Tả Van",), ("Bản Lác",), ("Sa Pa",)]),
        ("Tôi đến từ {0}.", [("Bắc Hà",), ("Mù Cang Chải",), ("Ba Đình",), ("Cát Cát",)]),
    ],
}


def _canary_cases():
    for (iso3, language), patterns in CANARIES.items():
        for pattern, fillers in patterns:
            for fill in fillers:
                yield pytest.param(
                    iso3, language, pattern, fill, id=f"{language}:{pattern.format(*fill)}"
                )


@pytest.mark.parametrize(("iso3", "language", "pattern", "fill"), list(_canary_cases()))
def test_canaries_are_redacted(iso3, language, pattern, fill):
    text = pattern.format(*fill)
    done = redact.redact(text, language, gaz(iso3))
    for part in fill:
        assert part not in done.text, f"{part!r} left in {done.text!r}"
    # ... and replaced by a placeholder where it stood, the rest of the sentence kept.
    skeleton = pattern.format(*["\0"] * len(fill))
    for literal in skeleton.split("\0"):
        for piece in literal.split():
            assert piece in done.text


# ----- the labelled set ------------------------------------------------------------------------
def test_labelled_set_shape():
    data = labelled()
    cases = data["cases"]
    counts = pd.Series([c["language"] for c in cases]).value_counts()
    assert len(cases) >= 150
    assert counts["en"] >= 50 and min(counts[x] for x in ("sw", "ne", "bn", "vi")) >= 25
    assert set(data["places"]) == {"KEN", "NPL", "BGD", "VNM"}
    assert len({c["id"] for c in cases}) == len(cases)
    for c in cases:
        assert c["iso3"] in data["places"]
        redact._labelled(c)  # every entity is found in its text, kinds are known


def test_evaluate_known_answer():
    cases = [
        {
            "id": "a",
            "language": "en",
            "iso3": "KEN",
            "text": "My name is Grace Wanjiku.",
            "entities": [{"text": "Grace Wanjiku", "kind": "name"}],
        },
        {
            "id": "b",
            "language": "en",
            "iso3": "KEN",
            "text": "Call 0712 345 678, said baraka.",
            "entities": [
                {"text": "0712 345 678", "kind": "phone"},
                {"text": "baraka", "kind": "name"},
            ],
        },
        {"id": "c", "language": "sw", "iso3": "KEN", "text": "Naishi Kisauni.", "entities": []},
    ]
    table = redact.evaluate(cases, gaz).set_index(["language", "kind"])
    assert list(table.columns) == ["n_true", "n_found", "true_pos", "recall", "precision"]
    assert table.loc[("en", "name")].tolist() == [2, 1, 1, 0.5, 1.0]
    assert table.loc[("en", "phone")].tolist() == [1, 1, 1, 1.0, 1.0]
    # "Kisauni" is a place nobody labelled: a false positive.
    assert table.loc[("sw", "place"), ["n_true", "n_found", "true_pos"]].tolist() == [0, 1, 0]
    assert math.isnan(table.loc[("sw", "place"), "recall"])
    assert table.loc[("sw", "place"), "precision"] == 0.0
    assert table.loc[("all", "name")].tolist() == [2, 1, 1, 0.5, 1.0]
    with pytest.raises(ValueError, match="case 'x': entity .* is not in its text or kind"):
        redact.evaluate(
            [{**cases[0], "id": "x", "entities": [{"text": "Mary", "kind": "name"}]}], gaz
        )


def test_labelled_set_scores():
    """Recall and precision on the labelled set; floors guard against regressions.

    Measured on the 241 cases: overall recall / precision
      name 0.91 / 0.97, place 0.79 / 1.00, phone 1.00 / 1.00, email 1.00 / 1.00, id 1.00 / 1.00;
    place recall by language: bn 0.57, ne 0.62, en 0.83, sw 0.88, vi 0.93.
    The 65 held-out cases ("h-" ids, written after the rules): name 0.75 / 0.89, place 0.61 / 1.00.
    """
    cases = labelled()["cases"]
    table = redact.evaluate(cases, gaz)
    held = redact.evaluate([c for c in cases if c["id"].startswith("h-")], gaz)
    print("\nredaction on the labelled set (all cases; `pytest -s` shows this)")
    print(table.to_string(index=False, float_format="{:.2f}".format))
    print("held-out cases only")
    print(held[held["language"] == "all"].to_string(index=False, float_format="{:.2f}".format))
    overall = table[table["language"] == "all"].set_index("kind")
    for kind in ("phone", "email", "id_number"):
        assert overall.loc[kind, "recall"] >= 0.95
        assert overall.loc[kind, "precision"] >= 0.95
    assert overall.loc["name", "recall"] >= 0.86
    assert overall.loc["name", "precision"] >= 0.92
    assert overall.loc["place", "recall"] >= 0.74
    assert overall.loc["place", "precision"] >= 0.95
    held_all = held[held["language"] == "all"].set_index("kind")
    assert held_all.loc["name", "recall"] >= 0.70
    assert held_all.loc["place", "recall"] >= 0.56


def test_rules_module_reads_the_names_file():
    classes, lower_ok = redact_rules.name_lists()
    assert classes["latin"]["wanjiku"] == "strong"
    assert classes["latin"]["hope"] == "ambiguous"
    assert classes["ne"]["तामाङ"] == "group"
    assert "wanjiku" in lower_ok["sw"] and "sita" not in lower_ok["sw"] and "sita" in lower_ok["en"]
