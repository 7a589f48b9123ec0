"""Everything a country's evidence pages need, assembled in one call from the three streams."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from lnob_methods.analysis import evidence, gaps, group_gaps, stocktake
from lnob_methods.core import diskcache
from lnob_methods.inventory import load as inventories
from lnob_methods.reference import countries, provenance, rounds, sdgdb, streams, taxonomy
from lnob_methods.voices import prepare as voices


@dataclass
class CountryEvidence:
    """A country's evidence: config, official stocktake, inventories, evidence and cells."""

    place: countries.Country
    groups: pd.DataFrame
    official: pd.DataFrame
    inventory: pd.DataFrame
    evidence: pd.DataFrame
    cells: pd.DataFrame
    group_gaps: pd.DataFrame
    focus_groups: tuple[str, ...]
    focus_targets: tuple[str, ...]
    testimony_files: tuple[str, ...] = ()
    # (indicator, group) where the country's official figures describe the group.
    official_groups: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["indicator", "group"])
    )

    @property
    def inventory_files(self) -> list[str]:
        """Return the inventory files the evidence was read from."""
        return sorted(self.inventory["_file"].astype(str).unique())

    @property
    def synthetic(self) -> bool:
        """True when any inventory file is declared synthetic demonstration data."""
        return provenance.any_synthetic(self.inventory_files)

    @property
    def testimonies_synthetic(self) -> bool:
        """True when any testimony export is declared synthetic demonstration data."""
        return provenance.any_synthetic(self.testimony_files)

    @property
    def data_label(self) -> str:
        """Name the streams by their declared provenance, for titles.

        For example "synthetic inventories and synthetic testimonies", or "inventories
        (provenance not declared)" when a file has no declaration.
        """
        label = provenance.label(self.inventory_files, "inventories")
        if self.testimony_files:
            label += " and " + provenance.label(self.testimony_files, "testimonies")
        return label

    def data_streams(self) -> list[streams.Stream]:
        """Return the streams behind the evidence pages, each described from its declarations.

        Official statistics (real, with their vintage), inventories and testimonies.
        """
        return [
            streams.reference("official statistics", f"Official statistics: {streams.SDGDB}."),
            streams.declared("inventories", self.inventory_files),
            streams.declared("testimonies", self.testimony_files),
        ]

    def severity(self) -> pd.Series:
        """Return severity per (group, target) from official gaps where the group is behind."""
        behind = self.group_gaps[self.group_gaps["group_behind"]]
        return gaps.severity(behind[["group", "target", "ranking_gap"]])


def _voices_rows(iso3: str, k: int, round_no: int | None = None) -> pd.DataFrame:
    if not voices.country_files(iso3, round_no):
        return pd.DataFrame(columns=evidence.COLUMNS)
    v = voices.prepare(iso3, k=k, round_no=round_no)
    status = evidence.combined_status(voices.country_files(iso3, round_no))
    return evidence.voices_evidence_rows(voices.gap_cells(v), voices.latest_year(v), status)


def assemble(
    country: str,
    *,
    since_year: int = 2000,
    reference_year: int = 2023,
    recency_years: int = 5,
    synthesis_min: int = 3,
    focus_targets: str = "",
    focus_groups: str = "",
    k: int = voices.DEFAULT_K,
    round_no: int | None = None,
) -> CountryEvidence:
    """Return a country's evidence from official statistics and the organisations' inventories.

    Parameters
    ----------
    country
        ISO3 code.
    since_year, reference_year, recency_years, synthesis_min
        Stocktake and gap-class parameters (see :mod:`lnob_methods.analysis.gaps`).
    focus_targets, focus_groups
        Comma-separated overrides of the research focus of the country config.
    k
        The small-cell threshold of the voices (testimonies) stream.
    round_no
        The stocktaking round whose inventories and testimonies are read (default: the latest;
        :mod:`lnob_methods.reference.rounds`).

    Notes
    -----
    The result is cached per country and parameters (:mod:`lnob_methods.core.diskcache`): the other
    pages of the same build load it instead of computing it again.
    """
    place = countries.load_country(country)
    params = {
        "since_year": since_year,
        "reference_year": reference_year,
        "recency_years": recency_years,
        "synthesis_min": synthesis_min,
        "focus_targets": focus_targets,
        "focus_groups": focus_groups,
        "k": k,
    }
    # The latest round, asked for by its number or not, is one entry: the files of the streams
    # read here accumulate, so round L of a country whose latest round is L reads every file.
    if round_no is not None and round_no != rounds.latest_round(place.iso3):
        params["round_no"] = round_no
    return diskcache.cached("evidence", place.iso3, params, lambda: _assemble(place, **params))


def _assemble(
    place: countries.Country,
    *,
    since_year: int,
    reference_year: int,
    recency_years: int,
    synthesis_min: int,
    focus_targets: str,
    focus_groups: str,
    k: int,
    round_no: int | None = None,
) -> CountryEvidence:
    groups = place.groups()
    # The organisations' evidence first: in a build, the first pages read it while the UN
    # extract is still being converted (see lnob_methods.run.runner).
    inv = inventories.load_country(place.iso3, round_no)
    heard = _voices_rows(place.iso3, k, round_no)
    data = sdgdb.country_data(place.iso3)
    official = stocktake.indicator_stocktake(data, since_year=since_year)
    described = stocktake.group_breakdowns(data, groups, since_year=since_year)
    ev = evidence.combine(
        evidence.official_evidence(official, described),
        evidence.inventory_evidence(inv),
        heard,
    )
    f_targets = countries.split_codes(focus_targets) or place.focus_targets
    f_groups = countries.split_codes(focus_groups) or place.focus_groups
    cells = gaps.cell_table(
        ev,
        groups,
        taxonomy.targets(),
        official,
        focus_groups=f_groups,
        focus_targets=f_targets,
        reference_year=reference_year,
        recency_years=recency_years,
        synthesis_min=synthesis_min,
    )
    gg = group_gaps.group_gaps(data[data["year"] >= since_year])
    testimonies = tuple(str(f) for f in voices.country_files(place.iso3, round_no))
    return CountryEvidence(
        place, groups, official, inv, ev, cells, gg, f_groups, f_targets, testimonies, described
    )
