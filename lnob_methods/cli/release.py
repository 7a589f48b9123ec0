"""``lnob release X.Y.Z``: tag a version of the method and build its site into a folder of its own.

Before anything is changed, every check is made and every problem reported at once: the version
is ``MAJOR.MINOR.PATCH``, equals the version in ``pyproject.toml``, has its section in the
changelog (``book/about/changelog.md``, not marked unreleased), is not tagged yet, and the working
tree has no uncommitted change. Then the commit is tagged ``vX.Y.Z``, the site is built with that
version on every page into ``_build/versions/X.Y.Z/``, and ``_build/versions/versions.json`` (the
version switcher's list) is written again: the released versions, newest first, and the
development version. Publish ``_build/versions/`` as the site's root, with the development build
(``_build/html``) as ``dev/``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlparse

import yaml

from lnob_methods.core import paths
from lnob_methods.core.errors import LnobError

VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
SWITCHER_JSON = "versions.json"
DEV = "dev"
CHANGELOG = Path("book") / "about" / "changelog.md"


class ReleaseError(LnobError):
    """A release that cannot be made; the message lists every reason."""


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=check, timeout=60
    )


def versions_dir(root: Path) -> Path:
    """Return the folder that holds one folder per released version, and the switcher's list."""
    return Path(root) / "_build" / "versions"


def changelog_versions(text: str) -> dict[str, bool]:
    """Return the versions of the changelog's ``## X.Y.Z ...`` headings: released or not.

    A heading that says "unreleased" is a version in preparation (False).
    """
    found = {}
    for line in text.splitlines():
        m = re.match(r"^##\s+(\d+\.\d+\.\d+)\b(.*)$", line)
        if m:
            found[m[1]] = "unreleased" not in m[2].lower()
    return found


def problems(root: Path, version: str) -> list[str]:
    """Return every reason why ``version`` cannot be released from ``root`` (empty: it can)."""
    root = Path(root)
    out = []
    if not VERSION.match(version):
        return [f"{version!r} is not a version number of the form MAJOR.MINOR.PATCH (e.g. 1.2.0)"]
    try:
        with open(root / "pyproject.toml", "rb") as fh:
            declared = tomllib.load(fh)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        declared = None
    if declared != version:
        out.append(
            f"pyproject.toml declares version {declared}, not {version}: set "
            f'version = "{version}" there first (the version every page and run card shows)'
        )
    log = root / CHANGELOG
    entries = changelog_versions(log.read_text(encoding="utf-8")) if log.exists() else {}
    if version not in entries:
        out.append(
            f"{CHANGELOG} has no section for {version}: add a heading '## {version}' saying "
            "what changed (method rules, data or presentation; see the versioning chapter)"
        )
    elif not entries[version]:
        out.append(
            f"{CHANGELOG} still marks {version} as unreleased: remove 'unreleased' from its heading"
        )
    if _git(root, "rev-parse", "--verify", "--quiet", f"refs/tags/v{version}", check=False).stdout:
        out.append(f"the tag v{version} exists already: a released version is never made again")
    status = _git(root, "status", "--porcelain", "--untracked-files=no", check=False)
    if status.returncode:
        out.append(f"{root} is not a git working tree: {status.stderr.strip()}")
    elif status.stdout.strip():
        changed = ", ".join(line[3:] for line in status.stdout.splitlines()[:5])
        out.append(
            f"the working tree has uncommitted changes ({changed}): commit them first, "
            "so that the tag names exactly what was built"
        )
    return out


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


def switcher_entries(released: list[str], base: str = "/") -> list[dict]:
    """Return the version switcher's list: the released versions, newest first, then development.

    ``base`` is the path of the site's address (``lnob_site_url``) under which each version has
    its folder. The newest release is the preferred one.
    """
    base = base if base.endswith("/") else base + "/"
    newest = sorted(set(released), key=_key, reverse=True)
    entries = [
        {
            "name": f"{v} (latest release)" if i == 0 else v,
            "version": v,
            "url": f"{base}{v}/",
            **({"preferred": True} if i == 0 else {}),
        }
        for i, v in enumerate(newest)
    ]
    entries.append({"name": "development (not released)", "version": DEV, "url": f"{base}{DEV}/"})
    return entries


def site_base(root: Path) -> str:
    """Return the path part of the site's address (``lnob_site_url`` in ``_config.yml``)."""
    config = yaml.safe_load((Path(root) / "_config.yml").read_text(encoding="utf-8")) or {}
    url = ((config.get("sphinx") or {}).get("config") or {}).get("lnob_site_url") or "/"
    return urlparse(str(url)).path or "/"


def released_versions(root: Path) -> list[str]:
    """Return the versions whose site was built into the versions folder."""
    folder = versions_dir(root)
    if not folder.exists():
        return []
    return [p.name for p in folder.iterdir() if p.is_dir() and VERSION.match(p.name)]


def write_switcher(root: Path, dest: Path) -> Path:
    """Write the switcher's list of ``root`` (released versions and development) to ``dest``."""
    entries = switcher_entries(released_versions(root), site_base(root))
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(entries, indent=1) + "\n", encoding="utf-8")
    return dest


Builder = Callable[[Path, Path, dict], int]


def release(version: str, root: Path, build: Builder) -> Path:
    """Check, tag and build ``version`` of the book at ``root``; return the version's folder.

    ``build(root, output, env)`` builds the site into ``output`` (Jupyter Book's
    ``--path-output``) with ``env`` added to the environment and returns the exit code.
    Raises :class:`ReleaseError` with every problem, before anything is changed.
    """
    root = Path(root)
    found = problems(root, version)
    if found:
        lines = "\n".join(f"  - {p}" for p in found)
        raise ReleaseError(f"cannot release {version}:\n{lines}")
    target = versions_dir(root) / version
    with tempfile.TemporaryDirectory(prefix="lnob-release-") as tmp:
        env = {"LNOB_RELEASE": version}
        if build(root, Path(tmp), env) != 0:
            raise ReleaseError(f"the site of {version} did not build (see above); nothing tagged")
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(Path(tmp) / "_build" / "html"), target)
    _git(root, "tag", "-a", f"v{version}", "-m", f"Methodology version {version}")
    write_switcher(root, versions_dir(root) / SWITCHER_JSON)
    return target


def _build_site(root: Path, output: Path, env: dict) -> int:
    # What `lnob build` does (run what is stale, then build), into ``output``.
    from lnob_methods.cli import book_pdf
    from lnob_methods.cli.book import build_book
    from lnob_methods.run import runner
    from lnob_methods.site import toc

    outcomes = runner.run(runner.build_plan(), progress=False)
    if any(o.status == "failed" for o in outcomes):
        return 1
    toc.write_toc()
    # The method chapters as one PDF, linked from the release's pages, made beside the site.
    return book_pdf.beside_site(
        lambda: build_book(root, toc=paths.built_toc_file(), output=output, env=env),
        output / "_build" / "html",
        root,
    )


def cmd_release(args) -> int:
    """Release a version: check, tag, build into ``_build/versions/X.Y.Z``."""
    target = release(args.version, paths.ROOT, _build_site)
    print(f"released {args.version}: tagged v{args.version}, site in {paths.shown(target)}")
    print(f"versions listed in {paths.shown(versions_dir(paths.ROOT) / SWITCHER_JSON)}")
    print(f"push the tag with: git push origin v{args.version}")
    return 0


def register(sub) -> None:
    """Add ``lnob release`` to the subcommands."""
    p = sub.add_parser(
        "release",
        help="tag a version of the method and build its site into _build/versions/X.Y.Z",
        description=__doc__.split("\n\n", 1)[1],
    )
    p.add_argument("version", metavar="X.Y.Z", help="the version, as in pyproject.toml")
    p.set_defaults(func=cmd_release)
