"""The top layer: the ``lnob`` command and its subcommands.

The command itself (:mod:`.main`), the inventory subcommands ``template`` and ``validate``
(:mod:`.inventories`), and the regeneration of the regression references (:mod:`.regression`).
"""
