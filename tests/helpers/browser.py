"""Helpers for the browser tests: serve the built site on loopback and list its pages."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D102 - keep test output readable
        pass


def serve(folder: Path = HTML):
    """Serve ``folder`` on 127.0.0.1 in a thread; return (base_url, server)."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def toc_pages() -> list[str]:
    """Return every page of the table of contents as a path like ``book/intro.html``."""
    # the table of contents the site was built with: the hand-written one plus the results; none
    # before `make book` (the tests that need pages then fail on their "site is built" check)
    built = ROOT / ".lnob" / "_toc.yml"
    if not built.exists():
        return []
    toc = yaml.safe_load(built.read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for e in entries or []:
            if "file" in e:
                files.append(e["file"])
            walk(e.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    return [f"{f}.html" for f in files]


# Every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA, and axe's best practices (landmarks and
# regions among them). AAA and experimental rules are not run.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = ("critical", "serious", "moderate")
SITE_TITLE = "Leave No One Behind: the evidence process"


def site_pages(folder: Path = HTML) -> list[str]:
    """Return every HTML page a reader can open: the table of contents, search, the index, and
    the standalone files offered for download (the interactive gap maps)."""
    pages = toc_pages() + ["search.html", "genindex.html"]
    pages += sorted(p.relative_to(folder).as_posix() for p in folder.glob("_downloads/*/*.html"))
    return pages


def new_context(browser, base: str, *, mode: str = "light", **options):
    """Return a browser context that blocks every request leaving ``base``, in a colour mode.

    ``mode`` is given to the theme (its stored choice) and to the page (prefers-color-scheme), so
    both the book and the standalone files show it. ``options`` go to ``browser.new_context``.
    """
    ctx = browser.new_context(color_scheme=mode, **options)
    ctx.add_init_script(
        f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
    )
    ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
    return ctx


def axe(page, include: str | None = None) -> list[dict]:
    """Run axe-core (``AXE``) on ``page`` or on the elements matching ``include``.

    Returns the violations as dicts: ``id``, ``impact``, ``help`` and up to five ``nodes`` (CSS
    target and axe's summary of what fails).
    """
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: run `make browser-deps`")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async ([tags, include]) => {
            const r = await axe.run(include ? {include: [include]} : document,
                {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                count: v.nodes.length,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' +
                    (n.failureSummary || '').replace(/\\s+/g, ' '))}));
        }""",
        [AXE_TAGS, include],
    )


def blocking(violations: list[dict]) -> list[str]:
    """Return the violations of ``BLOCKING_IMPACTS`` as readable lines (empty when none)."""
    return [
        f"{v['impact']} {v['id']} ({v['count']} nodes: {v['help']}): " + "; ".join(v["nodes"])
        for v in violations
        if v["impact"] in BLOCKING_IMPACTS
    ]
