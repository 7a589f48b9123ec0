"""Hostile files are refused before anything parses them; text is decoded as users save it."""

from __future__ import annotations

import struct
import zipfile

import pytest

from lnob_methods.core.safety import decode, safety_problems

MB = 2**20


def _zip(path, members, compression=zipfile.ZIP_STORED):
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, data in members.items():
            z.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return path


def _only(problems):
    assert len(problems) == 1, problems
    return problems[0]


def test_a_small_plain_file_passes(tmp_path):
    path = tmp_path / "inventory.csv"
    path.write_text("ID,Title\nA-1,Survey\n")
    assert safety_problems(path) == []


def test_an_ordinary_xlsx_like_zip_passes(tmp_path):
    path = _zip(
        tmp_path / "ok.xlsx",
        {"[Content_Types].xml": b'<?xml version="1.0"?><Types/>', "xl/workbook.xml": b"<w/>"},
    )
    assert safety_problems(path) == []


def test_a_file_over_the_size_cap_is_refused(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as fh:
        fh.truncate(60 * MB)  # sparse: 60 MB on paper, nothing on disk
    p = _only(safety_problems(path))
    assert (p.file, p.kind) == (str(path), "unsafe-file")
    assert p.message == "is 60 MB; files larger than 50 MB are refused. Split the file."
    assert (
        str(p)
        == f"{path}: is 60 MB; files larger than 50 MB are refused. Split the file. [unsafe-file]"
    )


def test_a_file_of_exactly_the_cap_is_not_refused_for_its_size(tmp_path):
    path = tmp_path / "edge.csv"
    with open(path, "wb") as fh:
        fh.truncate(50 * MB)
    assert safety_problems(path) == []


def test_a_zip_bomb_is_refused_by_its_ratio(tmp_path):
    # 2 MB of zeros deflate to about 2 KB: a ratio near 1000, over the limit of 150.
    path = _zip(tmp_path / "bomb.xlsx", {"xl/a.bin": bytes(2 * MB)}, zipfile.ZIP_DEFLATED)
    p = _only(safety_problems(path))
    assert p.kind == "unsafe-file"
    assert p.message == "expands to 2 MB from 0.0 MB (a zip bomb?); refused."


def test_a_zip_that_expands_past_the_cap_is_refused_whatever_its_ratio(tmp_path):
    # A stored member, then its sizes in the central directory rewritten: 301 MB from 2.5 MB is a
    # ratio of 120 (under 150), yet over the 300 MB that any file may expand to.
    path = _zip(tmp_path / "big.xlsx", {"xl/a.bin": b"x"})
    blob = bytearray(path.read_bytes())
    entry = blob.index(b"PK\x01\x02")  # central directory header: sizes at offsets 20 and 24
    blob[entry + 20 : entry + 28] = struct.pack("<II", int(2.5 * MB), 301 * MB)
    path.write_bytes(bytes(blob))
    p = _only(safety_problems(path))
    assert p.message == "expands to 301 MB from 2.5 MB (a zip bomb?); refused."


@pytest.mark.parametrize("member", ["../evil.xml", "xl/../../evil.xml", "/etc/passwd", "\\x.xml"])
def test_a_member_path_outside_the_archive_is_refused(tmp_path, member):
    path = _zip(tmp_path / "trick.xlsx", {"xl/workbook.xml": b"<w/>", member: b"<x/>"})
    p = _only(safety_problems(path))
    assert p.kind == "unsafe-file"
    assert (
        p.message == f"contains the member path {member!r} that points outside the file; refused."
    )


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "d.vml"])
@pytest.mark.parametrize("declaration", [b"<!DOCTYPE lolz [", b'<!ENTITY lol "lol">'])
def test_an_xml_member_declaring_entities_is_refused(tmp_path, member, declaration):
    body = b'<?xml version="1.0"?>\n' + declaration + b"\n<w/>"
    path = _zip(tmp_path / "entities.xlsx", {member: body})
    p = _only(safety_problems(path))
    assert p.kind == "unsafe-file"
    assert p.message == f"member {member!r} declares XML entities (an entity bomb?); refused."


def test_entities_in_a_member_that_is_not_xml_are_not_read(tmp_path):
    path = _zip(tmp_path / "notes.xlsx", {"docs/readme.txt": b'<!ENTITY lol "lol">'})
    assert safety_problems(path) == []


def test_a_damaged_zip_is_named_and_the_fix_given(tmp_path):
    path = _zip(tmp_path / "damaged.xlsx", {"xl/workbook.xml": b"<w/>"})
    blob = path.read_bytes().replace(b"PK\x01\x02", b"XX\x01\x02")  # break the directory entry
    path.write_bytes(blob)
    assert zipfile.is_zipfile(path), "its end record is intact: it still looks like a zip"
    p = _only(safety_problems(path))
    assert (p.file, p.kind) == (str(path), "not-a-spreadsheet")
    assert p.message == "is a damaged zip/xlsx file; save it again from Excel as .xlsx."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"caf\xc3\xa9", ("café", "utf-8")),  # é is C3 A9 in UTF-8
        (b"\xef\xbb\xbfcaf\xc3\xa9", ("café", "utf-8-sig")),  # Excel's "CSV UTF-8": BOM dropped
        (b"\xef\xbb\xbf", ("", "utf-8-sig")),
        (b"", ("", "utf-8")),
        (b"caf\xe9", ("café", "cp1252")),  # é is E9 in Windows-1252, invalid alone in UTF-8
        (b"\x80 \x93x\x94", ("€ “x”", "cp1252")),  # 80, 93, 94: euro sign and curly quotes
        (b"a\x81b\xe9", ("a\ufffdbé", "cp1252")),  # 81 is unassigned in cp1252: replaced
    ],
)
def test_decode_utf8_with_or_without_bom_else_cp1252(data, expected):
    assert decode(data) == expected
