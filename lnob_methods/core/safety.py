"""Safety checks on input files, before anything parses them, and decoding their text.

Only the zip directory and the first bytes of each XML member are read, so a hostile file (a zip
bomb, an XML entity bomb, a member path that points outside the archive, an oversized file) is
refused in bounded time and memory. A file name with control characters (a right-to-left
override, a newline) is refused, and so is a table of more than :data:`MAX_ROWS` rows: memory is
bounded by rows, not only by bytes (49 MB of delimiter-only lines are 25 million rows).

Text files may be UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark (what
Excel writes as "Unicode text") or Windows-1252; anything else is refused, saying so.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lnob_methods.core.errors import Problem

MAX_BYTES = 50 * 2**20
MAX_UNZIPPED = 300 * 2**20
MAX_RATIO = 150
MAX_ROWS = 200_000  # rows of one table: far above any inventory or testimony export
ENCODINGS = 'UTF-8 (with or without BOM), UTF-16 with BOM (Excel\'s "Unicode text") or Windows-1252'
_BOMS = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")]
# Characters that change how a name is shown or read: C0/C1 controls, bidirectional controls.
_CONTROLS = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]} | set(
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def name_problems(path: Path) -> list[Problem]:
    """Return a refusal when a file name holds control characters or a backslash.

    A right-to-left override (U+202E) makes ``cod.exe.csv`` look like another name, a newline
    splits a line of a report, and a backslash is a Windows path separator (as in ``..`` then a
    backslash).
    """
    bad = sorted({c for c in Path(path).name if c in _CONTROLS or c == "\\"})
    if not bad:
        return []
    shown = ", ".join(f"U+{ord(c):04X}" for c in bad)
    return [
        Problem(
            ascii(str(path)),
            "unsafe-file",
            f"has a name with control characters or a backslash ({shown}); rename the file "
            "with letters, digits, spaces, '-', '_' and '.' only.",
        )
    ]


def safety_problems(path: Path) -> list[Problem]:
    """Return refusals for files that are too large, zip bombs, XML entity bombs or path tricks.

    Only the zip directory and the first bytes of each XML member are read, so a hostile file is
    refused in bounded time and memory.
    """
    if bad_name := name_problems(path):
        return bad_name
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
    """Return (text, encoding) of a text file's bytes (see the module docstring for encodings).

    Raises
    ------
    UnicodeDecodeError
        For UTF-16 that does not decode; see :func:`text_problems` to refuse such files first.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """Return a text file's text, or None and the reason it is refused.

    Refused: a binary file (NUL bytes without a UTF-16 byte-order mark), UTF-16 that does not
    decode, and a file of more than :data:`MAX_ROWS` lines (counted before any table is built).
    """
    name = str(path)
    data = Path(path).read_bytes()
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in data[:4096] and not utf16:
        msg = f"is a binary file, not a CSV: save it as CSV in {ENCODINGS}."
        return None, [Problem(name, "not-a-spreadsheet", msg)]
    try:
        text, _ = decode(data)
    except UnicodeDecodeError:
        msg = f"is damaged UTF-16 text: save it again as CSV in {ENCODINGS}."
        return None, [Problem(name, "not-a-spreadsheet", msg)]
    if (lines := text.count("\n")) > MAX_ROWS:
        return None, [too_many_rows(name, lines)]
    return text, []


def too_many_rows(name: str, rows: int, sheet: str | None = None) -> Problem:
    """Return the refusal of a table with more than :data:`MAX_ROWS` rows."""
    return Problem(
        name,
        "unsafe-file",
        f"has {rows:,} rows or more; tables of more than {MAX_ROWS:,} rows are refused (blank "
        "or delimiter-only rows count too). Remove empty rows, or split the file.",
        sheet=sheet,
    )
