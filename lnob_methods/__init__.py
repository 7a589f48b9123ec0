"""Leave No One Behind evidence process: analysis library behind the lnob methodology book."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("lnob-methods")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"
