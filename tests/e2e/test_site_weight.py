"""What a first visit to each page downloads, for offices on slow links.

Every page of the site is opened in a fresh browser context (an empty cache, as on a first visit)
at a desktop width; every response's body is counted once loading has settled. The median page
must stay under 1 MB and the heaviest under 1.5 MB. The five heaviest pages are printed, and the
whole list is written to tests/artifacts/transfer_sizes.tsv.
"""

from __future__ import annotations

import statistics

import pytest

from tests.helpers.browser import ARTIFACTS, new_context, site_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MB = 1_000_000
MEDIAN_LIMIT = 1 * MB
MAX_LIMIT = 1.5 * MB


def _first_load(browser, base, path) -> tuple[int, dict[str, int]]:
    ctx = new_context(browser, base, viewport={"width": 1280, "height": 800})
    page = ctx.new_page()
    sizes: dict[str, int] = {}

    def count(resp):
        try:
            sizes[resp.url] = len(resp.body())
        except Exception:  # noqa: BLE001 - aborted or redirected responses have no body
            pass

    page.on("response", count)
    page.goto(f"{base}/{path}", wait_until="load")
    page.wait_for_load_state("networkidle")
    ctx.close()
    return sum(sizes.values()), sizes


def test_pages_are_light_on_first_load(site):
    browser, base = site
    rows = []
    for path in site_pages():
        total, sizes = _first_load(browser, base, path)
        biggest = max(sizes, key=sizes.get) if sizes else ""
        rows.append((total, path, biggest.removeprefix(base + "/"), sizes.get(biggest, 0)))
    rows.sort(reverse=True)
    ARTIFACTS.mkdir(exist_ok=True)
    lines = ["bytes\tpage\tlargest resource\tits bytes"]
    lines += [f"{t}\t{p}\t{r}\t{b}" for t, p, r, b in rows]
    (ARTIFACTS / "transfer_sizes.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    median = statistics.median(t for t, *_ in rows)
    print(f"\n{len(rows)} pages; median first load {median / MB:.2f} MB; the five heaviest:")
    for t, p, r, b in rows[:5]:
        print(f"  {t / MB:.2f} MB  {p}  (largest: {r}, {b / MB:.2f} MB)")
    assert median < MEDIAN_LIMIT, f"median page {median / MB:.2f} MB"
    heavy = [(p, round(t / MB, 2)) for t, p, *_ in rows if t >= MAX_LIMIT]
    assert not heavy, f"pages over 1.5 MB on first load: {heavy}"
