"""Files for other tools, each in the format the field reads.

Formula-safe, reproducible CSV, XLSX and JSON exports (:mod:`.exports`), the EPPI-Mapper JSON of
the gap map (:mod:`.eppi`) and the REFI-QDA codebook (:mod:`.refiqda`). Imports analysis and the
layers below it.
"""
