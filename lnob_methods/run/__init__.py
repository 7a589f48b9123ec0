"""Running the notebook templates per country: plan, execute, publish.

Which runs are needed and in what order, in parallel or on Dask (:mod:`.runner`), the parameters a
template declares and their checks (:mod:`.params`), run cards (:mod:`.runcard`), staging and
atomic publishing (:mod:`.publish`), and warm kernels (:mod:`.warm_kernels`,
:mod:`.kernel_zygote`, :mod:`.kernel_relay`). Imports every layer below; never the site or the
command line.
"""
