"""The evidence vocabulary shared by every stream and analysis: declared once, here.

Codes are what files and exports hold; the words readers see come from the display layer.
"""

from __future__ import annotations

# How the gap map classes evidence, in the order tables and legends show them.
SOURCE_TYPES = ["official_statistics", "icso_study", "programme_data", "community_voices"]
SOURCE_TYPE_LABELS = {
    "official_statistics": "Official statistics",
    "icso_study": "ICSO study",
    "programme_data": "Programme data",
    "community_voices": "Community voices",
}
# The appraisal levels of the inventory's quality rule, lowest first.
QUALITIES = ["low", "medium", "high"]
# Field kinds that hold several values in one cell (a Kobo "select multiple" or a ";" list).
MULTI_VALUE_KINDS = frozenset({"codes", "groups", "targets", "admin1"})
# Holder types whose surveys, datasets and administrative data are official statistics.
OFFICIAL_HOLDERS = frozenset({"national_statistics_office", "un_agency"})
OFFICIAL_EVIDENCE = frozenset({"survey", "dataset", "administrative"})
PROGRAMME_EVIDENCE = frozenset({"programme_monitoring", "evaluation"})


def source_type(holder_type: str, evidence_type: str, method: str) -> str:
    """Return the gap-map source type of an inventory item.

    Community voices: citizen-generated or participatory; official statistics: held by a national
    statistics office or UN agency and a survey, dataset or administrative data; programme data:
    programme monitoring or evaluation; otherwise an ICSO (or other holder's) study.

    Examples
    --------
    >>> source_type("un_agency", "survey", "quantitative")
    'official_statistics'
    >>> source_type("icso", "survey", "participatory")
    'community_voices'
    """
    if evidence_type == "citizen_generated" or method == "participatory":
        return "community_voices"
    if holder_type in OFFICIAL_HOLDERS and evidence_type in OFFICIAL_EVIDENCE:
        return "official_statistics"
    if evidence_type in PROGRAMME_EVIDENCE:
        return "programme_data"
    return "icso_study"
