"""Files for other tools, each in the format the field reads.

Formula-safe, reproducible CSV, XLSX and JSON exports (:mod:`.exports`), the EPPI-Mapper JSON of
the gap map (:mod:`.eppi`), the REFI-QDA codebook (:mod:`.refiqda`), official SDMX codes beside
the database's (:mod:`.sdmx_codes`), the disaggregation status in Open SDG's vocabulary
(:mod:`.open_sdg`) and the Frictionless data package of a country's exports
(:mod:`.datapackage`). Imports analysis and the layers below it.
"""
