"""The first evidence stream: the organisations' evidence inventories.

The data model, declared once (:mod:`.schema`); reading Excel, CSV, Kobo and HXL files
(:mod:`.reader`); the checks that locate every problem (:mod:`.checks`); loading a country's files
(:mod:`.load`); the Excel template (:mod:`.template`). Imports :mod:`lnob_methods.core` and
:mod:`lnob_methods.reference`; never the voices stream.
"""
