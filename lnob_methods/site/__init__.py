"""The book around the results pages.

Table of contents and country index pages (:mod:`.toc`), the cross-country synthesis
(:mod:`.synthesis`), the data-model page (:mod:`.data_model`) and the display helpers that
notebooks call (:mod:`.notebook`). Imports the run layer and everything below.
"""
