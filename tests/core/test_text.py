"""Text from data is shown literally on MyST pages: every markup character is escaped."""

from __future__ import annotations

import pytest

from lnob_methods.core.text import md_escape


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Plain words, digits and non-ASCII letters pass unchanged.
        ("Kenya Nairobi 2021 café नेपाल", "Kenya Nairobi 2021 café नेपाल"),
        # Emphasis and inline code.
        ("a*b_c`d`", r"a\*b\_c\`d\`"),
        # A link: brackets, parentheses and the colon are escaped, slashes are not markup.
        ("[click](http://x)", r"\[click\]\(http\://x\)"),
        # A MyST role would run code or glue values: braces and backticks escaped.
        ("{eval}`1+1`", r"\{eval\}\`1\+1\`"),
        # Raw HTML (its slash is not markup once the angle brackets are escaped) and math.
        ("<script>alert(1)</script>", r"\<script\>alert\(1\)\</script\>"),
        ("$x^2$", r"\$x\^2\$"),
        # A heading, a list item, a table cell, a substitution.
        ("# Title", r"\# Title"),
        ("- item | cell", r"\- item \| cell"),
        ("{{ secret }}", r"\{\{ secret \}\}"),
        # Quotes, ampersand, at, tilde, equals, exclamation, dot.
        ("'a' \"b\" & @c ~d =e !f.", r"\'a\' \"b\" \& \@c \~d \=e \!f\."),
        # A backslash is itself escaped, so it cannot undo the next escape.
        ("a\\*", r"a\\\*"),
    ],
)
def test_markup_characters_are_escaped(text, expected):
    assert md_escape(text) == expected


def test_line_breaks_become_spaces_so_no_fence_or_directive_opens():
    text = "intro\n```{code-cell} python\nimport os\n```\n:::{note}\nend"
    out = md_escape(text)
    assert "\n" not in out
    assert out == (r"intro \`\`\`\{code\-cell\} python import os \`\`\` \:\:\:\{note\} end")


def test_runs_of_whitespace_collapse_and_ends_are_trimmed():
    assert md_escape("  a \t\r\n  b  ") == "a b"
    assert md_escape("") == ""


def test_values_that_are_not_text_are_shown_as_text():
    assert md_escape(3.5) == r"3\.5"
    assert md_escape(None) == "None"
    assert md_escape(-1) == r"\-1"
