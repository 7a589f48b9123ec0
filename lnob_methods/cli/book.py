"""Build the book with Jupyter Book, warnings as errors (``lnob build``, ``lnob release``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from lnob_methods.core import paths


def build_book(
    root: Path = paths.ROOT,
    quiet: bool = False,
    toc: Path | None = None,
    output: Path | None = None,
    env: dict | None = None,
    config: Path | None = None,
) -> int:
    """Build the book at ``root`` into ``_build/html``, warnings as errors; return the exit code.

    ``toc`` is the table of contents to build with (default: ``_toc.yml`` at ``root``);
    ``output`` the folder to build in instead of ``root`` (the site is then in its
    ``_build/html``); ``env`` variables added to the environment (``LNOB_RELEASE``); ``config``
    the configuration file to build with instead of ``root``'s ``_config.yml``.
    """
    exe = Path(sys.executable).parent / "jupyter-book"
    cmd = [str(exe), "build", str(root), "-W", "-n", "--keep-going"]
    if toc is not None:
        cmd += ["--toc", str(toc)]
    if output is not None:
        cmd += ["--path-output", str(output)]
    if config is not None:
        cmd += ["--config", str(config)]
    # A development build never carries a release's version, whatever the shell says.
    env = {**os.environ, "LNOB_RELEASE": "", "PYDEVD_DISABLE_FILE_VALIDATION": "1", **(env or {})}
    out = subprocess.DEVNULL if quiet else None
    return subprocess.run(cmd, cwd=root, env=env, stdout=out, check=False).returncode


def config_copy(
    root: Path, work: Path, *, sphinx_config: dict | None = None, exclude: tuple[str, ...] = ()
) -> Path:
    """Write a copy of the book's ``_config.yml`` into ``work``, to build ``root`` with; return it.

    The paths in the configuration are relative to the book: the copy, read from ``work``, has
    them absolute. ``sphinx_config`` is added to its Sphinx settings and ``exclude`` to its
    excluded patterns.
    """
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    if exclude:
        config["exclude_patterns"] = [*(config.get("exclude_patterns") or []), *exclude]
    sphinx = config.setdefault("sphinx", {})
    sphinx.setdefault("config", {}).update(sphinx_config or {})
    sphinx["local_extensions"] = {
        name: str((root / where).resolve())
        for name, where in (sphinx.get("local_extensions") or {}).items()
    }
    config["bibtex_bibfiles"] = [str(root / f) for f in config.get("bibtex_bibfiles", [])]
    path = work / "_config.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=True), encoding="utf-8")
    return path
