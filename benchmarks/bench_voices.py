"""Redaction of testimonies: recall and precision on the labelled set, and time for 10,000 texts.

The labelled set is ``tests/fixtures/voices/redaction_labelled.yaml`` (hand-labelled; the cases
with "h-" ids were written after the rules and are reported apart as well). The 10,000 texts are
generated (seeded) from testimony-like templates in the five languages, with names from
``data/voices/names.yaml`` and places from the pilots' gazetteers.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

import pandas as pd
import yaml
from run_all import machine

from lnob_methods.voices import redact
from lnob_methods.voices.redact_rules import NAMES_FILE

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "fixtures" / "voices" / "redaction_labelled.yaml"
N = 10_000
COUNTRY = {"en": "KEN", "sw": "KEN", "ne": "NPL", "bn": "BGD", "vi": "VNM"}
TEMPLATES = {
    "en": [
        "My name is {first} {last} and I live in {place}. Call me on {phone}.",
        "My neighbour {first} {last} lost her job in 2019; we are 6 in the house now.",
        "I moved from {place} to Nairobi. Write to {email} or my number is {phone}.",
        "My ID number is {id}. The office in {place} asked me for KSh 500 again.",
    ],
    "sw": [
        "Jina langu ni {first} {last}, ninaishi kijiji cha {place}.",
        "Naitwa {first}, nipigie kwa {phone}. Kitambulisho changu ni {id}.",
        "Mama {first} alihamia {place} mwaka 2018 na watoto watano.",
    ],
    "ne": [
        "मेरो नाम {first} {last} हो। {place} गाउँमा बस्छु।",
        "मेरो फोन नम्बर {phone} हो। नागरिकता नम्बर {id} हराएको छ।",
        "{first} दिदीले हामीलाई बागमती प्रदेशमा काम खोज्न सिकाउनुभयो।",
    ],
    "bn": [
        "আমার নাম {first} {last}। আমি {place} গ্রামে থাকি।",
        "আমার ফোন নম্বর {phone}। এনআইডি নম্বর {id}।",
        "{first} আপা ঢাকায় কাজ করেন, মাসে ৮০০০ টাকা পান।",
    ],
    "vi": [
        "Tên tôi là {last} Thị {first}. Tôi sống ở thôn {place}.",
        "Số điện thoại của tôi là {phone}. CCCD của tôi là {id}.",
        "Chị {first} đến từ {place}, mỗi tháng kiếm được 3.000.000 đồng ở Hà Nội.",
    ],
}
NATIVE_PLACES = {"ne": ["खोकना", "बुङमती", "सिम्ले", "ठेचो"], "bn": ["নয়াপাড়া", "শ্যামনগর", "চরপাড়া"]}


def _digits(rng, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _local(text: str, language: str) -> str:
    """Write digits in the language's own script half of the time (as people do)."""
    table = {"ne": "०१२३४५६७८९", "bn": "০১২৩৪৫৬৭৮৯"}.get(language)
    return text.translate(str.maketrans("0123456789", table)) if table else text


def synthetic(n: int = N, seed: int = 11) -> list[tuple[str, str, str]]:
    """Return ``n`` (language, iso3, text) testimonies with planted personal data."""
    rng = random.Random(seed)
    with open(NAMES_FILE, encoding="utf-8") as fh:
        names = yaml.safe_load(fh)
    phones = {
        "KEN": lambda: rng.choice(["07", "+254 7"]) + _digits(rng, 2) + " " + _digits(rng, 6),
        "NPL": lambda: "98" + _digits(rng, 8),
        "BGD": lambda: "017" + _digits(rng, 2) + "-" + _digits(rng, 6),
        "VNM": lambda: "09" + _digits(rng, 2) + " " + _digits(rng, 3) + " " + _digits(rng, 3),
    }
    ids = {"KEN": 8, "NPL": None, "BGD": 10, "VNM": 12}
    out = []
    for _ in range(n):
        lang = rng.choice(list(TEMPLATES))
        iso3 = COUNTRY[lang]
        own = names[lang]
        places = NATIVE_PLACES.get(lang) or sorted(redact.gazetteer(iso3).names)
        ident = (
            f"{_digits(rng, 2)}-01-{_digits(rng, 2)}-{_digits(rng, 5)}"
            if ids[iso3] is None
            else _digits(rng, ids[iso3])
        )
        text = rng.choice(TEMPLATES[lang]).format(
            first=rng.choice(own["given"]),
            last=rng.choice(own["family"]),
            place=rng.choice(places),
            phone=phones[iso3](),
            email=f"user{rng.randrange(1000)}@example.org",
            id=ident,
        )
        out.append((lang, iso3, _local(text, lang) if rng.random() < 0.5 else text))
    return out


def _covered(cases, gaz_for) -> pd.DataFrame:
    """Share of labelled spans with no character left visible (any placeholder counts)."""
    rows = []
    for case in cases:
        spans = redact.find(case["text"], case["language"], gaz_for(case["iso3"]))
        hidden = {i for s in spans for i in range(s.start, s.end)}
        pos = 0
        for ent in case["entities"]:
            start = case["text"].find(ent["text"], pos)
            pos = start + len(ent["text"])
            rows.append((ent["kind"], all(i in hidden for i in range(start, pos))))
    df = pd.DataFrame(rows, columns=["kind", "fully_hidden"])
    return (
        df.groupby("kind")["fully_hidden"]
        .agg(["size", "mean"])
        .rename(columns={"size": "n_true", "mean": "fully hidden"})
    )


def _print_scores(title: str, table: pd.DataFrame) -> None:
    print(f"\n{title}")
    overall = table[table["language"] == "all"].drop(columns="language")
    print(overall.to_string(index=False, float_format="{:.2f}".format))
    for measure in ("recall", "precision"):
        wide = table[table["language"] != "all"].pivot(
            index="kind", columns="language", values=measure
        )
        print(f"\n{measure} by language (blank: nothing labelled / nothing found)")
        print(wide.reindex(list(redact.KINDS)).to_string(float_format="{:.2f}".format, na_rep=""))


def main() -> int:
    print(f"Machine: {machine()}")
    with open(LABELLED, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    cases = data["cases"]
    gaz = {iso3: redact.gazetteer(iso3, places) for iso3, places in data["places"].items()}
    held = [c for c in cases if c["id"].startswith("h-")]
    _print_scores(
        f"redaction on the labelled set: {len(cases)} sentences", redact.evaluate(cases, gaz.get)
    )
    _print_scores(
        f"held-out part only ({len(held)} sentences written after the rules)",
        redact.evaluate(held, gaz.get),
    )
    print("\nlabelled pieces with no character left visible (overlap counts as found above)")
    print(_covered(cases, gaz.get).to_string(float_format="{:.2f}".format))

    texts = synthetic()
    gazes = {iso3: redact.gazetteer(iso3) for iso3 in set(COUNTRY.values())}
    times, spans = [], 0
    for _ in range(3):
        start = time.perf_counter()
        spans = sum(len(redact.redact(t, lang, gazes[iso3]).spans) for lang, iso3, t in texts)
        times.append(time.perf_counter() - start)
    med = statistics.median(times)
    print(f"\n{'what':<60} {'median s':>9} {'texts/s':>9}")
    label = f"redact {len(texts):,} synthetic testimonies ({spans:,} spans)"
    print(f"{label:<60} {med:9.2f} {len(texts) / med:9,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
