"""The data notice and Sources of a page, from its streams (hand-made streams, expected text)."""

from __future__ import annotations

from lnob_methods.reference.streams import Stream
from lnob_methods.site import notices

OFFICIAL = Stream("official statistics", "real", "Official statistics: the UN database.")
INV_SYNTH = Stream("inventories", "synthetic", "Inventories: 3 files.", 3, 3, 0)
INV_MIXED = Stream("inventories", "mixed", "Inventories: 4 files.", 4, 1, 1)
TEST_SYNTH = Stream("testimonies", "synthetic", "Testimonies: 1 file.", 1, 1, 0)
NO_TESTIMONIES = Stream("testimonies", "none", "No testimonies were found for this country.")


def test_no_banner_when_everything_is_declared_real():
    assert notices.notice([OFFICIAL, NO_TESTIMONIES], "Kenya") == []
    assert notices.notice_html([OFFICIAL], "Kenya") == ""


def test_synthetic_streams_are_named_and_real_ones_said_real():
    ((title, text),) = notices.notice([OFFICIAL, INV_SYNTH, TEST_SYNTH], "Kenya")
    assert title == "Synthetic demonstration data"
    assert text == (
        "The inventories and the testimonies on this page are synthetic, as declared in their "
        "provenance: made up to demonstrate the method. Every figure that counts them is a "
        "demonstration, not a finding about Kenya. Declared real: official statistics."
    )


def test_part_synthetic_and_undeclared_get_both_paragraphs():
    got = notices.notice([OFFICIAL, INV_MIXED], "Nepal")
    assert [t for t, _ in got] == ["Synthetic demonstration data", "Provenance not declared"]
    assert got[0][1].startswith("1 of the 4 files of the inventories on this page is synthetic")
    assert got[1][1].startswith("For 1 of the 4 files of the inventories no provenance is declared")


def test_html_escapes_names_and_shows_commands_as_code():
    hostile = Stream(
        "inventories", "real", "Inventories: held by <script>x</script>. `lnob validate`"
    )
    out = notices.sources_html([hostile])
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<code>lnob validate</code>" in out
    assert notices.findings_html([]) == ""
    assert (
        notices.findings_html(["A < B.", "Two."])
        == '<div class="lnob-findings"><p>A &lt; B. Two.</p></div>'
    )
