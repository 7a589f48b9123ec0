"""YAML reading: libyaml's parser when PyYAML has it, with the pure-Python parser's errors.

PyYAML's ``safe_load`` parses in Python: reading the country folders' declarations once per
published page cost about a second a run. :func:`safe_load` parses with libyaml (the same
safe constructor, so the same values) and, only when the text is not valid YAML, parses it
again in Python so that the error users see, its wording and its line, stays the same.
"""

from __future__ import annotations

import yaml

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str | bytes):
    """Return the data of one YAML document, as :func:`yaml.safe_load` does, only faster.

    Parameters
    ----------
    text
        The document (a string or bytes; read a file first, a stream may be read only once).

    Raises
    ------
    yaml.YAMLError
        As :func:`yaml.safe_load` raises it for the same text.
    """
    try:
        return _fast(text)
    except yaml.YAMLError:
        return yaml.safe_load(text)  # raises the pure-Python parser's error


def safe_load_file(path):
    """Return the data of the YAML file at ``path``, as ``yaml.safe_load(open(path))`` does.

    Errors name the file as they did when the open file was parsed in Python.
    """
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    try:
        return _fast(text)
    except yaml.YAMLError:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)  # raises the pure-Python parser's error, naming the file


def _fast(text: str | bytes):
    # What yaml.safe_load does, with the libyaml safe loader: no tag builds a Python object.
    loader = _FAST(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
