"""A seeded SYNTHETIC survey-like data generator (DHS-like shape) for tests and benchmarks.

Not real data: six categorical circumstances, survey weights and two binary outcomes whose rates
depend on the circumstances by a fixed, documented formula.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

REGIONS = [f"region_{i}" for i in range(1, 9)]
EDUCATION = ["none", "primary", "secondary", "higher"]
ETHNICITY = ["majority", "minority_a", "minority_b"]


def make_survey(n: int, seed: int = 2030) -> pd.DataFrame:
    """Return ``n`` synthetic respondents with weights, circumstances and two outcomes.

    ``skilled_birth`` rises with wealth quintile, urban residence and the mother's education;
    ``stunted`` (a barrier) falls with them and is higher in two regions and for minorities.
    """
    rng = np.random.default_rng(seed)
    wealth = rng.integers(1, 6, n)
    urban = rng.random(n) < 0.35
    region = rng.integers(0, len(REGIONS), n)
    educ = rng.choice(len(EDUCATION), n, p=[0.25, 0.35, 0.3, 0.1])
    sex = rng.random(n) < 0.5
    ethnic = rng.choice(len(ETHNICITY), n, p=[0.7, 0.2, 0.1])
    p_birth = 0.25 + 0.1 * wealth + 0.15 * urban + 0.06 * educ - 0.1 * (ethnic > 0)
    p_stunt = 0.45 - 0.05 * wealth - 0.08 * urban - 0.04 * educ + 0.1 * np.isin(region, [2, 5])
    return pd.DataFrame(
        {
            "weight": rng.uniform(0.3, 3.0, n).round(4),
            "wealth_quintile": wealth,
            "residence": np.where(urban, "urban", "rural"),
            "region": np.array(REGIONS)[region],
            "mother_education": np.array(EDUCATION)[educ],
            "child_sex": np.where(sex, "female", "male"),
            "ethnicity": np.array(ETHNICITY)[ethnic],
            "skilled_birth": (rng.random(n) < np.clip(p_birth, 0, 1)).astype(np.int8),
            "stunted": (rng.random(n) < np.clip(p_stunt, 0, 1)).astype(np.int8),
        }
    )
