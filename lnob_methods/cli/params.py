"""``lnob params``: every template's parameters with their type, default and meaning."""

from __future__ import annotations

from lnob_methods.core.errors import ParameterError
from lnob_methods.core.suggest import did_you_mean
from lnob_methods.run import params, runner


def describe(notebooks: list[str] | None = None) -> str:
    """Return the parameter reference of the named templates (all when None), as text.

    Raises
    ------
    ParameterError
        For a notebook that is not a template, naming the closest templates and all of them.
    """
    available = runner.templates()
    chosen = notebooks or list(available)
    for n in chosen:
        if n not in available:
            raise ParameterError(
                f"no notebook template named {n!r}.{did_you_mean(n, available)} "
                f"Templates: {', '.join(available)}."
            )
    blocks = []
    for n in chosen:
        found = params.described(params.read_template(available[n]))
        width = max(len(p.name) for p in found)
        lines = [f"{n} (notebooks/{available[n].name}):"]
        for p in found:
            meaning = p.meaning or "(no comment beside it in the parameters cell)"
            lines.append(f"  {p.name:<{width}}  {p.type:<5}  default {p.default!r:<8}  {meaning}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def cmd_params(args) -> int:
    """Print the parameter reference; set one with ``lnob run -p NAME=VALUE``."""
    print(describe(args.notebook))
    print("\nSet a parameter with `lnob run --notebook NAME -p PARAMETER=VALUE`.")
    return 0


def register(sub) -> None:
    """Add the ``params`` subcommand to the ``lnob`` parser."""
    p = sub.add_parser("params", help="list the templates' parameters (type, default, meaning)")
    p.add_argument("notebook", nargs="*", metavar="NOTEBOOK", help="templates (default: all)")
    p.set_defaults(func=cmd_params)
