"""Safety checks on input files, before anything parses them, and decoding their text.

Only the zip directory and the first bytes of each XML member are read, so a hostile file (a zip
bomb, an XML entity bomb, a member path that points outside the archive, an oversized file) is
refused in bounded time and memory.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lnob_methods.core.errors import Problem

MAX_BYTES = 50 * 2**20
MAX_UNZIPPED = 300 * 2**20
MAX_RATIO = 150


def safety_problems(path: Path) -> list[Problem]:
    """Return refusals for files that are too large, zip bombs, XML entity bombs or path tricks.

    Only the zip directory and the first bytes of each XML member are read, so a hostile file is
    refused in bounded time and memory.
    """
    name = str(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        return [
            Problem(
                name,
                "unsafe-file",
                f"is {size / 2**20:.0f} MB; files larger than "
                f"{MAX_BYTES // 2**20} MB are refused. Split the file.",
            )
        ]
    if not zipfile.is_zipfile(path):
        return []
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            total = sum(i.file_size for i in infos)
            packed = max(sum(i.compress_size for i in infos), 1)
            for i in infos:
                if i.filename.startswith(("/", "\\")) or ".." in Path(i.filename).parts:
                    return [
                        Problem(
                            name,
                            "unsafe-file",
                            f"contains the member path "
                            f"{i.filename!r} that points outside the file; refused.",
                        )
                    ]
            if total > MAX_UNZIPPED or total / packed > MAX_RATIO:
                return [
                    Problem(
                        name,
                        "unsafe-file",
                        f"expands to {total / 2**20:.0f} MB from "
                        f"{packed / 2**20:.1f} MB (a zip bomb?); refused.",
                    )
                ]
            for i in infos:
                if i.filename.endswith((".xml", ".rels", ".vml")):
                    with z.open(i) as fh:
                        head = fh.read(4096)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        return [
                            Problem(
                                name,
                                "unsafe-file",
                                f"member {i.filename!r} declares XML "
                                "entities (an entity bomb?); refused.",
                            )
                        ]
    except zipfile.BadZipFile:
        return [
            Problem(
                name,
                "not-a-spreadsheet",
                "is a damaged zip/xlsx file; save it again from Excel as .xlsx.",
            )
        ]
    return []


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) for UTF-8 (with or without BOM) or Windows-1252 bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"
