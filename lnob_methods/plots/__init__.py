"""Figures: each function takes data and keyword arguments and returns a matplotlib ``Axes``.

The official stocktake heat map (:mod:`.style`), the evidence charts (:mod:`.evidence`), the static
and interactive evidence gap map (:mod:`.gapmap`), poverty by group (:mod:`.mpi`), tree leaves
(:mod:`.tree`) and the voices (:mod:`.voices`). Imports analysis and the layers below it.
"""
