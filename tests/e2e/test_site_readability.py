"""Tables and figures a reader can take in, on a desktop and on a phone.

Every page is opened at 1280 and 390 px. A table runs away when one of its rows does: Viet Nam's
tree rules once listed hundreds of commune codes, 9 rows in 51,616 px. No row may be taller than
1,000 px at either width, and no table taller than 6,000 px on a desktop (the tallest, Nepal's
18 official comparisons not ranked with their reasons, is about 4,800 px; on a phone every table
is tall).
Tables folded in a closed ``<details>`` (the run card) are not measured. Every figure is either
shown at no less than 0.8 of its drawn size (its 8-point text then at least 9 CSS px) or is a
link to its full-size image, which a tap opens.
"""

from __future__ import annotations

import pytest

from tests.helpers.browser import new_context, toc_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = (1280, 390)
TALLEST_TABLE = 6000  # at 1280 px
TALLEST_ROW = 1000
SMALLEST_SCALE = 0.8  # 8-point text drawn at 100 dpi is 11.1 px; at 0.8 of it, 8.9 px


@pytest.fixture(scope="module")
def measured(site):
    browser, base = site
    out = {}
    for width in WIDTHS:
        ctx = new_context(browser, base, viewport={"width": width, "height": 844})
        page = ctx.new_page()
        for path in toc_pages():
            page.goto(f"{base}/{path}", wait_until="load")
            out[(width, path)] = page.evaluate(
                """() => {
                    const main = document.querySelector('main') || document.body;
                    const tables = [...main.querySelectorAll('table')]
                        .filter(t => !t.closest('details:not([open])'))
                        .map(t => [Math.round(t.getBoundingClientRect().height),
                                   Math.max(0, ...[...t.rows].map(r =>
                                       Math.round(r.getBoundingClientRect().height)))]);
                    const figures = [...main.querySelectorAll('img')]
                        .filter(i => i.naturalWidth > 0)
                        .map(i => {
                            const a = i.closest('a');
                            const src = new URL(i.getAttribute('src'), location.href).href;
                            return {src: i.getAttribute('src'),
                                    scale: i.getBoundingClientRect().width / i.naturalWidth,
                                    linked: !!a && a.href === src};
                        });
                    return {tables, figures};
                }"""
            )
        ctx.close()
    return out


@pytest.mark.parametrize("width", WIDTHS)
def test_no_table_runs_away(measured, width):
    tall_rows = {
        p: max(r for _, r in m["tables"])
        for (w, p), m in measured.items()
        if w == width and m["tables"] and max(r for _, r in m["tables"]) > TALLEST_ROW
    }
    assert tall_rows == {}, f"table rows taller than {TALLEST_ROW} px at {width} px: {tall_rows}"
    if width >= 1000:
        tall = {
            p: max(h for h, _ in m["tables"])
            for (w, p), m in measured.items()
            if w == width and m["tables"] and max(h for h, _ in m["tables"]) > TALLEST_TABLE
        }
        assert tall == {}, f"tables taller than {TALLEST_TABLE} px at {width} px: {tall}"


@pytest.mark.parametrize("width", WIDTHS)
def test_every_figure_is_readable_or_opens_full_size(measured, width):
    figures = [(p, f) for (w, p), m in measured.items() if w == width for f in m["figures"]]
    assert figures, "the pilot pages have figures"
    small = sorted({(p, f["src"], round(f["scale"], 2)) for p, f in figures if f["scale"] < 1})
    print(f"\n{width} px: {len(figures)} figures, {len(small)} shown below their drawn size:")
    for p, src, scale in small[:10]:
        print(f"  {scale:.2f}  {p}  {src}")
    unreadable = [
        (p, f["src"], round(f["scale"], 2))
        for p, f in figures
        if f["scale"] < SMALLEST_SCALE and not f["linked"]
    ]
    assert unreadable == [], "figures shrunk below 0.8 with no link to the full-size image"
