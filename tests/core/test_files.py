"""Atomic writing (a reader sees the old file or the new one) and memoised file hashes."""

from __future__ import annotations

import os

import pytest

from lnob_methods.core import files

# FIPS 180-2, appendix B.1: SHA-256("abc"); and SHA-256 of no bytes at all.
SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
SHA256_EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_text_is_written_as_utf8(tmp_path):
    out = files.write_atomic(tmp_path / "a" / "b" / "note.txt", "café")
    assert out == tmp_path / "a" / "b" / "note.txt"
    assert out.read_bytes() == b"caf\xc3\xa9"  # é is two bytes in UTF-8: C3 A9


def test_bytes_are_written_as_given(tmp_path):
    out = files.write_atomic(tmp_path / "blob", b"\x00\xff")
    assert out.read_bytes() == b"\x00\xff"
    assert os.listdir(tmp_path) == ["blob"], "no temporary file is left behind"


def test_the_old_file_stays_until_the_new_one_is_complete(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("old")
    with files.replacing(path) as tmp:
        assert tmp.parent == tmp_path and tmp != path
        tmp.write_text("new")
        assert path.read_text() == "old", "a reader meanwhile still sees the old file"
    assert path.read_text() == "new"
    assert os.listdir(tmp_path) == ["table.csv"]


def test_a_failure_inside_replacing_leaves_the_old_file_and_no_temp_file(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("old")
    with pytest.raises(RuntimeError, match="disk full"), files.replacing(path) as tmp:
        tmp.write_text("half a new fi")
        raise RuntimeError("disk full")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["table.csv"]


def test_a_failure_before_the_first_write_creates_nothing(tmp_path):
    path = tmp_path / "new.csv"
    with pytest.raises(ValueError), files.replacing(path):
        raise ValueError
    assert os.listdir(tmp_path) == []


def test_sha256_known_answers(tmp_path):
    (tmp_path / "abc").write_bytes(b"abc")
    (tmp_path / "empty").write_bytes(b"")
    assert files.sha256(tmp_path / "abc") == SHA256_ABC
    assert files.sha256(str(tmp_path / "empty")) == SHA256_EMPTY  # a str path works too


def test_a_rewritten_file_is_hashed_again_even_at_the_same_size(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"xyz")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    first = files.sha256(path)
    assert first != SHA256_ABC
    path.write_bytes(b"abc")  # same size: only the modification time tells the memo
    os.utime(path, ns=(2_000_000_000, 2_000_000_000))
    assert files.sha256(path) == SHA256_ABC
