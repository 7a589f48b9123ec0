"""Cached loaders of the reference data in ``data/``: read once, in one place.

The SDG framework and the LNOB groups (:mod:`.taxonomy`), the UN SDG Global Database extract
(:mod:`.sdgdb`), country configs (:mod:`.countries`), OCHA P-codes (:mod:`.pcodes`), OPHI's MPI
tables (:mod:`.ophi`), the open microdata extracts (:mod:`.microdata`) and the rule that says
whether an input is synthetic (:mod:`.provenance`). Imports :mod:`lnob_methods.core` only.
"""
