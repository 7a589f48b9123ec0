"""The two open microdata extracts, prepared for the tree and the D-index (worked examples).

Both are old teaching extracts, not current DHS/MICS data (which cannot be redistributed):
- Viet Nam Living Standards Survey 1997–98, individuals (R package Ecdat; Cameron & Trivedi 2005):
  outcome ``insurance`` (health insurance coverage, SDG 3.8); no sampling weights in the extract;
  ``commune`` is treated as a category.
- Nepal Nutrition Intervention Project (R package faraway; West et al.): 200 children × 5 visits;
  outcome "the mother has lost a child" (a barrier), rows with missing weight or height dropped.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lnob_methods.core import paths

EXAMPLES = {
    "VNM": "Viet Nam Living Standards Survey 1997–98: health insurance coverage (SDG 3.8)",
    "NPL": "Nepal NNIPS child sample (1990s): mothers who have lost a child",
}


def example(iso3: str) -> dict | None:
    """Return the worked example of a country, or None when no open extract exists for it.

    Returns
    -------
    dict or None
        ``frame``, ``outcome`` (a 0/1 column), ``barrier`` (True when the outcome is something
        people should not face, such as losing a child), ``rate_label`` (what the rate of the
        groups found measures, in words), ``circumstances``, ``title`` and ``notes``.
    """
    if iso3 == "VNM":
        d = pd.read_csv(paths.REFERENCE / "vietnam_vlss1997_VietNamI.csv")
        d["commune"] = "commune " + d["commune"].astype(int).astype(str)
        d["married"] = np.where(d["married"] == 1, "married", "not married")
        d["education_years"] = d["educ"]
        return {
            "frame": d[["insurance", "sex", "married", "education_years", "commune"]],
            "outcome": "insurance",
            "barrier": False,
            "rate_label": "rate",
            "circumstances": ["sex", "married", "education_years", "commune"],
            "title": EXAMPLES["VNM"],
            "notes": "27,765 individuals; no sampling weights; age and household expenditure "
            "are on a log scale in the extract and are not used.",
        }
    if iso3 == "NPL":
        d = pd.read_csv(paths.REFERENCE / "nepal_nnips_child_anthropometry_faraway_nepali.csv")
        n_missing = int(d[["wt", "ht"]].isna().any(axis=1).sum())
        d = d.dropna(subset=["wt", "ht"]).copy()
        d["mother_literate"] = np.where(d["lit"] == 1, "literate", "not literate")
        d["child_sex"] = np.where(d["sex"] == 1, "male", "female")
        d["lost_a_child"] = (d["died"] > 0).astype(int)
        d["mother_age"] = d["mage"]
        return {
            "frame": d[["lost_a_child", "mother_literate", "mother_age", "child_sex"]],
            "outcome": "lost_a_child",
            "barrier": True,
            "rate_label": "rate of not having lost a child",
            "circumstances": ["mother_literate", "mother_age", "child_sex"],
            "title": EXAMPLES["NPL"],
            "notes": f"{len(d)} child visits after dropping {n_missing} with missing weight "
            "or height; visits of the same child are not independent.",
        }
    return None
