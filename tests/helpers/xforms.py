"""Check the consent logic of a testimony XLSForm through its XForm, as pyxform converts it.

The effective relevance of a question is its own ``relevant`` and that of every group or repeat
around it (ODK hides a question when any of them is false, and does not require a hidden
question). :func:`consent_violations` evaluates these relevances for every combination of the
consent answers and the age band, and names each question that is relevant in a combination
where the person did not consent (or, for a child's story, where the caregiver or the child did
not agree).
"""

from __future__ import annotations

import ast
import itertools
import re
import xml.etree.ElementTree as ET

from pyxform.xls2xform import convert

XF = "{http://www.w3.org/2002/xforms}"
H = "{http://www.w3.org/1999/xhtml}"
JR_PRELOAD = "{http://openrosa.org/javarosa}preload"
CONTROLS = {"input", "select1", "select", "upload", "range", "trigger", "odk:rank"}
CHILD_BANDS = ("10_14", "15_17")
# The answers enumerated ("" is unanswered); any other variable in a relevance is refused.
DOMAIN = {
    "consent_use": ("yes", "no", "unsure", ""),
    "consent_publish": ("yes", "no", ""),
    "age_band": ("10_14", "15_17", "18_24", "25_34", "35_59", "60_plus", ""),
    "caregiver_consent": ("yes", "no", "unsure", ""),
    "child_assent": ("yes", "no", "unsure", ""),
}
CONSENT_GROUP = "consent"


def xform_of(path) -> str:
    """Return the XForm of an XLSForm file, converted by pyxform (no ODK Validate)."""
    return convert(xlsform=str(path), validate=False).xform


def questions(xform: str) -> list[tuple[str, list[str]]]:
    """Return each question's path and the relevances that apply to it, in form order."""
    root = ET.fromstring(xform)
    binds = {b.get("nodeset"): b for b in root.iter(f"{XF}bind") if b.get(JR_PRELOAD) is None}
    body = root.find(f"{H}body")
    paths = []
    for el in body.iter():
        tag = el.tag.replace(XF, "")
        if tag in CONTROLS and el.get("ref"):
            paths.append(el.get("ref"))
    out = []
    for path in paths:
        parts = path.strip("/").split("/")
        chain = ["/" + "/".join(parts[:i]) for i in range(2, len(parts) + 1)]
        out.append(
            (
                path,
                [
                    binds[p].get("relevant")
                    for p in chain
                    if p in binds and binds[p].get("relevant")
                ],
            )
        )
    return out


_PATH = re.compile(r"\s*/data(?:/\w+)*/(\w+)\s*")
_ALLOWED = (
    ast.Expression,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.UnaryOp,
    ast.Not,
    ast.Compare,
    ast.Eq,
    ast.NotEq,
    ast.Call,
    ast.Name,
    ast.Load,
    ast.Constant,
)


def _compile(expr: str):
    """Translate the XPath subset of the forms (paths, =, !=, selected, not, and, or) to Python.

    Raises
    ------
    ValueError
        For anything outside that subset, so that the check cannot pass by not understanding.
    """
    py = re.sub(r"\bselected\(", "sel(", expr)
    py = _PATH.sub(lambda m: f" v('{m[1]}') ", py)
    py = re.sub(r"(?<![!<>=])=(?!=)", "==", py)
    py = re.sub(r"\bnot\(", "not (", py)
    tree = ast.parse(py.strip(), mode="eval")
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise ValueError(f"relevance outside the checked subset: {expr!r}")
        if isinstance(node, ast.Name) and node.id not in {"v", "sel"}:
            raise ValueError(f"relevance outside the checked subset: {expr!r}")
        if isinstance(node, ast.Call) and node.func.id == "v":
            if node.args[0].value not in DOMAIN:
                raise ValueError(f"relevance on {node.args[0].value!r}, which is not enumerated")
    return compile(tree, "<relevance>", "eval")


def _consented(state: dict, with_child_consent: bool) -> bool:
    if state["consent_use"] != "yes":
        return False
    if with_child_consent and state["age_band"] in CHILD_BANDS:
        return state["caregiver_consent"] == "yes" and state["child_assent"] == "yes"
    return True


def consent_violations(xform: str) -> list[str]:
    """Return the questions relevant without consent, with the first state where they are.

    Every question outside the consent group needs consent to use. Every question after the
    child's assent also needs, for a child, the caregiver's consent and the child's assent.
    """
    found = []
    after_assent = False
    names = list(DOMAIN)
    for path, relevances in questions(xform):
        group = path.strip("/").split("/")[1]
        if group == CONSENT_GROUP:
            continue
        codes = [_compile(r) for r in relevances]
        for values in itertools.product(*(DOMAIN[n] for n in names)):
            state = dict(zip(names, values, strict=True))
            env = {
                "v": state.__getitem__,
                "sel": lambda a, b: a == b,
            }
            shown = all(eval(c, {"__builtins__": {}}, env) for c in codes)  # noqa: S307
            if shown and not _consented(state, after_assent):
                found.append(f"{path} is relevant when {state}")
                break
        if path.endswith("/child_assent"):
            after_assent = True
    return found
