"""The interactive evidence gap map as a reader uses it, on a desktop and on a phone.

A tap on a cell must give a visible answer: the records beside the grid on a wide screen and
directly under the tapped cell on a phone, with the focus moved to them. Changing a filter clears
an answer that no longer matches; testimonies are listed once with their count; the goals are
named; the grid scrolls inside a labelled region; a skip link leads past the widget.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers.browser import ARTIFACTS, new_context

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KENYA = "book/results/KEN/gap_analysis.html"
WIDTHS = {"desktop": 1280, "phone": 390}


def _open(site, width, path=KENYA):
    browser, base = site
    options = {"viewport": {"width": width, "height": 844}}
    if width < 600:
        options.update(has_touch=True, is_mobile=True)
    ctx = new_context(browser, base, **options)
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/{path}", wait_until="load")
    return ctx, page, errors


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    vp = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + 40 <= vp["height"]


def _payload(page) -> dict:
    return json.loads(page.locator(".lnob-egm + script[type='application/json']").inner_text())


def _cell(page, group: str, goal: int):
    return page.locator(f".egm-grid button[data-group='{group}'][data-col='{goal}']")


@pytest.mark.parametrize("device", WIDTHS)
def test_a_tapped_cell_shows_its_records_in_view_with_the_focus(site, device):
    width = WIDTHS[device]
    ctx, page, errors = _open(site, width)
    cell = page.locator(".egm-grid td.egm-has button").nth(20)
    cell.scroll_into_view_if_needed()
    heading_before = page.locator(".egm-details h3").count()
    assert heading_before == 0, "no records before a tap"
    if width < 600:
        cell.tap()
    else:
        cell.click()
    details = page.locator(".egm-details")
    assert details.locator("h3").count() == 1
    assert details.locator("li").count() >= 1
    assert page.evaluate("document.activeElement.classList.contains('egm-details')")
    assert _in_viewport(page, details), "the records are on screen after the tap"
    cbox, dbox = cell.bounding_box(), details.bounding_box()
    if width < 600:
        gap = dbox["y"] - (cbox["y"] + cbox["height"])
        assert 0 <= gap <= 40, f"records start {gap:.0f} px under the tapped cell"
    else:
        assert dbox["x"] >= cbox["x"] + cbox["width"], "records beside the grid on a wide screen"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"gapmap_after_tap_{width}px.png"))
    # "Back to the cell" returns the focus to the cell
    details.get_by_role("button", name="Back to the cell").click()
    assert page.evaluate("document.activeElement.dataset.group") == cell.get_attribute("data-group")
    assert errors == []
    ctx.close()


def test_changing_a_filter_clears_the_records_of_the_old_cell(site):
    ctx, page, errors = _open(site, 1280)
    page.locator(".egm-grid td.egm-has button").first.click()
    assert page.locator(".egm-details h3").count() == 1
    page.locator(".egm-filter[data-filter='quality'] input").first.check()
    assert page.locator(".egm-details h3").count() == 0, "the old cell's records are gone"
    assert page.locator(".egm-details").inner_text().startswith("Select a cell")
    assert errors == []
    ctx.close()


def test_testimonies_are_listed_once_with_their_count(site):
    ctx, page, errors = _open(site, 1280)
    data = _payload(page)
    # Worked out from the map's own data, independently of the drawing code: the group × goal
    # cell with the most testimony entries.
    counts: dict[tuple[str, int], set[str]] = {}
    for it in data["items"]:
        if it["type"] == "testimonies":
            for group, target in it["cells"]:
                counts.setdefault((group, int(target.split(".")[0])), set()).add(it["id"])
    (group, goal), ids = max(counts.items(), key=lambda kv: (len(kv[1]), kv[0]))
    assert len(ids) >= 2, "the test needs a cell with several testimony entries"
    _cell(page, group, goal).click()
    lines = page.locator(".egm-details li").all_inner_texts()
    voices = [t for t in lines if t.startswith("Coded testimonies")]
    assert len(voices) == 1, "testimonies on one line, not one line per target"
    assert f"on {len(ids)} targets" in voices[0]
    assert len(lines) == len(set(lines)), "no line repeated"
    ctx.close()


@pytest.mark.parametrize("device", WIDTHS)
def test_goal_names_are_shown_and_goal_17_can_be_reached(site, device):
    ctx, page, errors = _open(site, WIDTHS[device])
    head = page.locator(".egm-grid thead").inner_text()
    for name in ("No poverty", "Gender equality", "Partnerships for the goals"):
        assert name in head
    wrap = page.locator(".egm-wrap")
    assert wrap.get_attribute("role") == "region" and wrap.get_attribute("aria-label")
    goal17 = page.locator(".egm-grid thead button.egm-goal").last
    fits = page.evaluate(
        "([w, b]) => b.getBoundingClientRect().right <= w.getBoundingClientRect().right + 1",
        [wrap.element_handle(), goal17.element_handle()],
    )
    scrolls = wrap.evaluate("w => w.scrollWidth > w.clientWidth && getComputedStyle(w).overflowX")
    assert fits or scrolls in ("auto", "scroll"), "goal 17 is visible or scrolls into view"
    # the wrap is no wider than the text column it sits in
    right = "w => w.getBoundingClientRect().right <= document.documentElement.clientWidth"
    assert wrap.evaluate(right)
    ctx.close()


def test_the_skip_link_moves_the_focus_past_the_widget(site):
    ctx, page, errors = _open(site, 1280)
    skip = page.get_by_role("link", name="Skip past the gap map")
    skip.focus()
    page.keyboard.press("Enter")
    after = page.evaluate(
        """() => {
            const a = document.activeElement, grid = document.querySelector('.egm-grid');
            return {cls: a.className,
                    past: !!(grid.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING)};
        }"""
    )
    assert after == {"cls": "egm-end", "past": True}
    page.keyboard.press("Tab")
    assert not page.evaluate("!!document.activeElement.closest('.egm-grid')")
    assert errors == []
    ctx.close()
