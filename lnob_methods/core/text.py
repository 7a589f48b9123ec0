"""Text from data is data, never markup: escaping for MyST pages."""

from __future__ import annotations

SPECIAL = set("\\`*_{}[]()<>#+-.!|$:~=&@^\"'")


def md_escape(text: object) -> str:
    """Return text that MyST shows literally: no roles, directives, links, HTML or math.

    Every character that could start markup is backslash-escaped; line breaks become spaces, so
    that no text can open a code fence or a directive on a line of its own.

    """
    flat = " ".join(str(text).split())
    return "".join("\\" + ch if ch in SPECIAL else ch for ch in flat)
