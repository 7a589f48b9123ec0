"""The second evidence stream: testimonies, people's own words and proposals.

The testimony form (:mod:`.form`), reading Kobo and ODK exports (:mod:`.reader`), the checks and
consent rules (:mod:`.checks`), redaction of personal data (:mod:`.redact`, :mod:`.redact_rules`),
coding of themes (:mod:`.coding`), small-cell protection (:mod:`.disclosure`), and the steps in
their fixed order with the tables they publish (:mod:`.prepare`). Imports
:mod:`lnob_methods.core` and :mod:`lnob_methods.reference`; never the inventory stream.
"""
