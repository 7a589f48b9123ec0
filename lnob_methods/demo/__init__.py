"""Seeded generators of SYNTHETIC demonstration data, apart from the method.

Inventories (:mod:`.inventories`), testimonies (:mod:`.testimonies`, with the phrase banks and word
lists of ``data/demo`` read by :mod:`.phrases`) and survey-like microdata for tests and benchmarks
(:mod:`.survey`). Everything they write is declared synthetic. Imports the streams and the layers
below them; nothing of the method imports them.
"""
