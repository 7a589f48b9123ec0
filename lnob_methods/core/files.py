"""Writing files so that a reader never sees half of one, and hashing them once."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary sibling of ``path``; on success rename it onto ``path`` atomically.

    A reader (another process, a parallel run) sees the old file or the new one, never a mix.
    The temporary file is removed when the block raises.

    Examples
    --------
    >>> with replacing(Path("out.parquet")) as tmp:  # doctest: +SKIP
    ...     write_table(table, tmp)
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes | str) -> Path:
    """Write ``data`` (text is written as UTF-8) to ``path`` atomically; return the path."""
    blob = data.encode("utf-8") if isinstance(data, str) else data
    with replacing(path) as tmp:
        tmp.write_bytes(blob)
    return Path(path)


@lru_cache(maxsize=4096)
def _sha256(path: Path, mtime_ns: int, size: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file, memoised on its path, modification time and size."""
    st = Path(path).stat()
    return _sha256(Path(path), st.st_mtime_ns, st.st_size)
