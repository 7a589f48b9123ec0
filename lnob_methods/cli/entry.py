"""The ``lnob`` command's entry point: an interrupt while the command loads ends it quietly.

Loading the command (pandas, Jupyter, the project's modules) takes a second or more; Ctrl-C in
that time used to print Python's traceback. Nothing has run then, so nothing was published.
"""

from __future__ import annotations

import sys


def main() -> int:
    """Load and run the ``lnob`` command; Ctrl-C before it is running ends it with code 130."""
    try:
        from lnob_methods.cli import main as command

        return command.main()
    except KeyboardInterrupt:
        print("lnob: interrupted before any page was published.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
