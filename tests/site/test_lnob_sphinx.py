"""The book's Sphinx extension (book/_ext/lnob_sphinx.py): escaping the theme leaves undone."""

from __future__ import annotations

import importlib.util

from tests.helpers import ROOT

_spec = importlib.util.spec_from_file_location("lnob_sphinx", ROOT / "book/_ext/lnob_sphinx.py")
lnob_sphinx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lnob_sphinx)


def test_the_print_title_is_escaped():
    # sphinx-book-theme writes {{ pagetitle }} into a print-only <h1> as it is
    context = {"pagetitle": 'Kenya<script>alert(1)</script> & "co"'}
    lnob_sphinx._escape_pagetitle(None, "x", "page.html", context, None)
    assert str(context["pagetitle"]) == (
        "Kenya&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;co&#34;"
    )


def test_a_page_without_title_is_left_alone():
    context = {}
    lnob_sphinx._escape_pagetitle(None, "x", "page.html", context, None)
    assert context == {}


def test_the_font_awesome_script_is_left_out_and_nothing_else():
    head = (
        "  <!-- So that users can add custom icons -->\n"
        '  <script defer src="../_static/scripts/fontawesome.js?digest=55c2"></script>\n'
        '  <link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=55c2" />'
    )
    assert str(lnob_sphinx.without_fontawesome_js(head)) == (
        "  <!-- So that users can add custom icons -->\n"
        '  <link rel="preload" as="script" href="../_static/scripts/bootstrap.js?digest=55c2" />'
    )


def test_figures_link_to_their_full_size_image_once():
    body = (
        '<div class="cell_output"><img alt="Gap map" src="../../_images/ab12.png" /></div>'
        '<a class="reference internal image-reference" href="../_images/c.png">'
        '<img alt="Scaled" src="../_images/c.png" style="width: 50%;" /></a>'
        '<img alt="Logo" src="_static/logo.svg" />'
    )
    assert lnob_sphinx.link_full_size_figures(body) == (
        '<div class="cell_output"><a class="lnob-figure-link" href="../../_images/ab12.png">'
        '<img alt="Gap map" src="../../_images/ab12.png" /></a></div>'
        '<a class="reference internal image-reference" href="../_images/c.png">'
        '<img alt="Scaled" src="../_images/c.png" style="width: 50%;" /></a>'
        '<img alt="Logo" src="_static/logo.svg" />'
    )


def test_the_search_scripts_are_left_out_unless_search_as_you_type_is_on():
    head = (
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        '    <script src="../_static/searchtools.js"></script>\n'
        '    <script src="../_static/language_data.js"></script>\n'
        '    <script src="../searchindex.js"></script>\n'
        '<script src="../_static/lnob.js"></script>'
    )
    assert str(lnob_sphinx.without_search_js(head, "False")) == (
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        '<script src="../_static/lnob.js"></script>'
    )
    assert str(lnob_sphinx.without_search_js(head, True)) == head


def test_figures_are_rewritten_with_a_palette_only_when_smaller_and_opaque(tmp_path):
    from PIL import Image

    # 200 × 100: left half red, right half white, in RGBA as matplotlib saves figures
    im = Image.new("RGBA", (200, 100), (255, 255, 255, 255))
    im.paste((255, 0, 0, 255), (0, 0, 100, 100))
    opaque = tmp_path / "figure.png"
    im.save(opaque, "PNG")
    before = opaque.stat().st_size
    assert lnob_sphinx.palette_png(opaque) is True
    with Image.open(opaque) as out:
        assert out.mode == "P" and opaque.stat().st_size < before
        rgb = out.convert("RGB")
        assert rgb.getpixel((10, 10)) == (255, 0, 0) and rgb.getpixel((150, 50)) == (255, 255, 255)
    assert lnob_sphinx.palette_png(opaque) is False, "a palette image is left as it is"
    see_through = tmp_path / "logo.png"
    Image.new("RGBA", (20, 20), (0, 0, 0, 0)).save(see_through, "PNG")
    assert lnob_sphinx.palette_png(see_through) is False
