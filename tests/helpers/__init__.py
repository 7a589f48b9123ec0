"""Helpers shared by test modules: the repository's folders and the `lnob` command line.

Test modules never import each other: what two of them need lives here (fixtures live in
``tests/conftest.py``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
# The same entry point as the `lnob` script, with this interpreter.
LNOB = [sys.executable, "-m", "lnob_methods.cli.entry"]
PILOTS = ["BGD", "KEN", "NPL", "VNM"]


def lnob(env, *args, timeout=300):
    """Run the `lnob` command line with ``env``; return the completed process."""
    return subprocess.run(
        [*LNOB, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def snapshot(folder):
    """Return every file under ``folder`` as relative path -> bytes (to compare two states)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# Kenya's 47 counties in the OCHA p-code file's order (KE001 Mombasa ... KE047 Nairobi), written
# out by hand: messages about an area that is not Kenyan list them.
KENYA_COUNTIES = (
    "Mombasa, Kwale, Kilifi, Tana River, Lamu, Taita Taveta, Garissa, Wajir, Mandera, "
    "Marsabit, Isiolo, Meru, Tharaka-Nithi, Embu, Kitui, Machakos, Makueni, Nyandarua, "
    "Nyeri, Kirinyaga, Murang'a, Kiambu, Turkana, West Pokot, Samburu, Trans Nzoia, "
    "Uasin Gishu, Elgeyo-Marakwet, Nandi, Baringo, Laikipia, Nakuru, Narok, Kajiado, "
    "Kericho, Bomet, Kakamega, Vihiga, Bungoma, Busia, Siaya, Kisumu, Homa Bay, Migori, "
    "Kisii, Nyamira, Nairobi"
)
