"""Notebook parameters: read a template's declared defaults, parse and type-check user values.

papermill only warns about a parameter the notebook does not declare (``contry="KEN"`` silently
runs the default). Here an undeclared parameter or a value of the wrong type is an error.
"""

from __future__ import annotations

import ast
import copy
import io
import tokenize
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jupytext

from lnob_methods.core.errors import ParameterError
from lnob_methods.core.suggest import did_you_mean


def read_template(path: Path):
    """Return the template at ``path`` as a notebook (jupytext text file).

    Parsed once while the file is unchanged (a build reads each template for every country);
    each caller gets its own copy, free to change it.
    """
    st = Path(path).stat()
    return copy.deepcopy(_parsed(Path(path), st.st_mtime_ns, st.st_size))


@lru_cache(maxsize=64)
def _parsed(path: Path, mtime_ns: int, size: int):
    return jupytext.read(path)


def declared(nb) -> dict[str, object]:
    """Return the parameters a notebook declares (its cell tagged ``parameters``) with defaults.

    Raises
    ------
    ParameterError
        When there is no parameters cell, or it holds anything but ``name = literal`` lines
        (derived values belong in the next cell).
    """
    cells = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise ParameterError(
            f"the template needs exactly one cell tagged 'parameters', found {len(cells)}."
        )
    out: dict[str, object] = {}
    for node in ast.parse(cells[0].source).body:
        if not (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            raise ParameterError("the parameters cell may only hold `name = literal` lines.")
        try:
            out[node.targets[0].id] = ast.literal_eval(node.value)
        except ValueError:
            raise ParameterError(
                f"parameter {node.targets[0].id!r} must be a literal value; derived values "
                "belong in the next cell."
            ) from None
    return out


@dataclass(frozen=True)
class Parameter:
    """One declared parameter of a template: its name, default, type and meaning."""

    name: str
    default: object
    meaning: str

    @property
    def type(self) -> str:
        """Return the type name of the default (``int``, ``float``, ``str``, ``bool``...)."""
        return type(self.default).__name__


def described(nb) -> list[Parameter]:
    """Return the declared parameters in cell order, each with the comment beside it.

    The meaning of a parameter is the ``# comment`` at the end of its line in the parameters cell
    (``k = 5  # small-cell threshold``); it is empty when the line has none.
    """
    defaults = declared(nb)
    source = next(
        c.source for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])
    )
    comments: dict[int, str] = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            comments[tok.start[0]] = tok.string.lstrip("#").strip()
    out = []
    for node in ast.parse(source).body:
        name = node.targets[0].id
        out.append(Parameter(name, defaults[name], comments.get(node.lineno, "")))
    return out


def parse_assignments(items: list[str]) -> dict[str, str]:
    """Split ``key=value`` strings from the command line into a dict of raw text values."""
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"-p {item!r}: write parameters as key=value.")
        out[key.strip()] = value
    return out


def coerce(name: str, raw: object, default: object) -> object:
    """Return ``raw`` converted to the type of ``default``, or raise a clear error.

    Text from the command line is read as a Python literal when the default is not text
    (``5``, ``0.5``, ``true``, ``[1, 2]``); booleans accept true/false/yes/no/1/0.
    """
    want = type(default)
    if not isinstance(raw, str) or want is str:
        value = raw
    elif want is bool:
        low = raw.strip().lower()
        if low not in {"true", "false", "yes", "no", "1", "0"}:
            raise ParameterError(f"parameter {name!r} must be true or false, not {raw!r}.")
        return low in {"true", "yes", "1"}
    else:
        try:
            value = ast.literal_eval(raw.strip())
        except (ValueError, SyntaxError):
            raise ParameterError(
                f"parameter {name!r} must be {want.__name__} like its default {default!r}, "
                f"not {raw!r}."
            ) from None
    if want is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if type(value) is not want:
        raise ParameterError(
            f"parameter {name!r} must be {want.__name__} like its default {default!r}, "
            f"not {type(value).__name__} {value!r}."
        )
    return value


def resolve(defaults: dict[str, object], given: dict[str, object], template: str) -> dict:
    """Return the full parameter set: defaults overridden by checked, type-converted values.

    Raises
    ------
    ParameterError
        Listing every undeclared parameter (with the closest declared names) and type error.
    """
    errors = []
    values = dict(defaults)
    for name, raw in given.items():
        if name not in defaults:
            errors.append(
                f"{template} declares no parameter {name!r}.{did_you_mean(name, defaults)} "
                f"Declared: {', '.join(sorted(defaults))}."
            )
            continue
        try:
            values[name] = coerce(name, raw, defaults[name])
        except ParameterError as exc:
            errors.append(str(exc))
    if errors:
        raise ParameterError("\n".join(errors))
    return values
