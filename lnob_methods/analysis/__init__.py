"""The method's computations: tables and findings from the evidence, with no file writing.

The evidence table of the gap map (:mod:`.evidence`), the official stocktake (:mod:`.stocktake`),
gap classes, scores and rankings (:mod:`.gaps`), gaps between groups in official data
(:mod:`.group_gaps`), inequality measures, trees and their bootstrap (:mod:`.inequality`,
:mod:`.tree`, :mod:`.tree_bootstrap`), poverty by region and group (:mod:`.mpi`,
:mod:`.mpi_groups`), summaries and briefs (:mod:`.summaries`, :mod:`.briefs`), and a country's
evidence assembled in one call (:mod:`.country_evidence`, cached by :mod:`lnob_methods.core`).
Imports the layers below: core, reference, inventory, voices.
"""
