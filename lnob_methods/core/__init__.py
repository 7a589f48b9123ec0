"""The foundation every other subpackage stands on; it imports nothing of the project.

Errors users see (:mod:`.errors`), where things live and the settings that move them
(:mod:`.paths`), escaping text for pages (:mod:`.text`), atomic writing and hashing of files
(:mod:`.files`), reproducible workbooks (:mod:`.workbook`), the safety checks every input file
passes before it is parsed (:mod:`.safety`), what a spreadsheet cell can be (:mod:`.cells`), the
evidence vocabulary (:mod:`.vocabulary`), the one "did you mean" helper (:mod:`.suggest`), and
the one cache key with its disk cache (:mod:`.cachekey`, :mod:`.diskcache`, :mod:`.versions`).
"""
