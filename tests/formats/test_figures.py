"""Figures are made lighter as pages are published: same pixels, a 256-colour palette."""

from __future__ import annotations

import base64
import io

import nbformat
from PIL import Image

from lnob_methods.formats import figures


def _png(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def _half_red() -> bytes:
    # 200 × 100: left half red, right half white, in RGBA as matplotlib saves figures
    im = Image.new("RGBA", (200, 100), (255, 255, 255, 255))
    im.paste((255, 0, 0, 255), (0, 0, 100, 100))
    return _png(im)


def test_an_opaque_figure_gets_a_palette_with_the_same_pixels():
    before = _half_red()
    after = figures.palette_png(before)
    assert after is not None and len(after) < len(before)
    with Image.open(io.BytesIO(after)) as out:
        assert out.mode == "P"
        rgb = out.convert("RGB")
        assert rgb.getpixel((10, 10)) == (255, 0, 0)
        assert rgb.getpixel((150, 50)) == (255, 255, 255)
    assert figures.palette_png(after) is None, "a palette image is left as it is"
    assert figures.palette_png(before) == after, "the same image gives the same bytes"


def test_a_transparent_image_is_left_as_it_is():
    assert figures.palette_png(_png(Image.new("RGBA", (20, 20), (0, 0, 0, 0)))) is None


def test_a_notebooks_figures_change_and_nothing_else():
    figure = base64.b64encode(_half_red()).decode("ascii")
    cell = nbformat.v4.new_code_cell("plot()")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"image/png": figure, "text/plain": "<Figure size 200x100>"},
            metadata={"image/png": {"width": 200}},
        ),
        nbformat.v4.new_output("stream", name="stdout", text="done\n"),
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Page"), cell])
    assert figures.lighter_notebook_figures(nb) == 1
    out = nb.cells[1].outputs[0]
    assert out["data"]["text/plain"] == "<Figure size 200x100>"
    assert out["metadata"] == {"image/png": {"width": 200}}
    png = base64.b64decode(out["data"]["image/png"])
    with Image.open(io.BytesIO(png)) as im:
        assert im.mode == "P" and im.size == (200, 100)
    assert nb.cells[1].outputs[1]["text"] == "done\n"
    assert figures.lighter_notebook_figures(nb) == 0, "a second pass finds nothing to do"
    nbformat.validate(nb)
