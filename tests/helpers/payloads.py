"""Hostile text payloads: script, event handlers, javascript: links, MyST directives, formulas."""

from __future__ import annotations

PAYLOADS = [
    "<script>window.__pwned=1;alert(1)</script>",
    '<img src=x onerror="window.__pwned=2">',
    "[click me](javascript:window.__pwned=3)",
    "{raw}`html <b onmouseover=alert(4)>x</b>`",
    "```{raw} html\n<script>window.__pwned=5</script>\n```",
    "```{include} /etc/passwd\n```",
    "<svg onload=window.__pwned=6></svg>",
    '=HYPERLINK("http://evil.example","x")',
]
