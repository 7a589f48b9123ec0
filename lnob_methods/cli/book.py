"""Build the book with Jupyter Book, warnings as errors (``lnob build``, ``lnob release``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
