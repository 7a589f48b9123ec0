"""A corpus of hostile payloads spread over every free-text field of a country configuration.

Each payload, if it ever ran, would set ``window.__pwned_<field>_<n>``: the browser test reads
those flags (and looks for injected elements and handlers) to say which field let which payload
through. The free-text fields are enumerated from the config schema
(``lnob_methods.reference.countries``): a new key fails :func:`free_text_fields` until it is
declared free text or a code here.
"""

from __future__ import annotations

import copy

from lnob_methods.reference import countries

# {id} is replaced by "<field number>_<payload number>".
TEMPLATES = [
    "<script>window.__pwned_{id}=1</script>",
    '<img src=x onerror="window.__pwned_{id}=1">',
    "<svg onload=window.__pwned_{id}=1></svg>",
    "[click me](javascript:window.__pwned_{id}=1)",
    '<a href="javascript:window.__pwned_{id}=1">click</a>',
    "{raw}`html <img src=x onerror=window.__pwned_{id}=1>`",
    "```{raw} html\n<script>window.__pwned_{id}=1</script>\n```",
    "```{eval-rst}\n.. raw:: html\n\n   <script>window.__pwned_{id}=1</script>\n```",
    "</title><script>window.__pwned_{id}=1</script>",
    '"><img src=x onerror=window.__pwned_{id}=1>',
    "' onmouseover='window.__pwned_{id}=1' x='",
    '<iframe srcdoc="<script>parent.__pwned_{id}=1</script>"></iframe>',
    "<details open ontoggle=window.__pwned_{id}=1>x</details>",
    "<input autofocus onfocus=window.__pwned_{id}=1>",
    "<body onload=window.__pwned_{id}=1>",
    "```{include} /etc/passwd\n```",
]

# Config keys that hold codes checked against a vocabulary, not free text.
CODE_KEYS = {
    "iso3",
    "research_focus.sdg_targets",
    "research_focus.groups",
    "groups_not_applicable",
    "branding",
}
# Keys whose free text sits inside a structure: how the corpus reaches it.
NESTED_TEXT = {
    "country_groups": "country_groups[].label",
    "languages": "languages{code: name}",
    "translations": "translations{language: {phrase: text}}",
}


def free_text_fields() -> list[str]:
    """Return every free-text field of a country config, from the config schema."""
    keys = [k for k in countries._KEYS if k != "research_focus"]
    keys += [f"research_focus.{k}" for k in countries._FOCUS_KEYS]
    unknown = [k for k in keys if k not in CODE_KEYS and k not in NESTED_TEXT]
    text_types = (str, list)
    fields = []
    for key in unknown:
        top, _, sub = key.partition(".")
        kind = countries._FOCUS_KEYS[sub] if sub else countries._KEYS[top][0]
        if kind not in text_types:
            raise AssertionError(f"config key {key!r}: declare it free text or a code here")
        fields.append(key)
    return fields + list(NESTED_TEXT.values())


def payloads(field_number: int) -> list[str]:
    """Return the corpus for one field, each payload marked with the field's number."""
    return [t.replace("{id}", f"{field_number}_{n}") for n, t in enumerate(TEMPLATES)]


def hostile_config(base: dict) -> tuple[dict, dict[str, list[str]]]:
    """Return ``base`` with every payload in every free-text field, and the payloads per field."""
    cfg = copy.deepcopy(base)
    tried = {}
    for i, name in enumerate(free_text_fields()):
        mine = payloads(i)
        tried[name] = mine
        if name == "country_groups[].label":
            cfg["country_groups"] = list(cfg.get("country_groups") or []) + [
                {"id": f"hostile_group_{n}", "label": p, "dimension": "other_status"}
                for n, p in enumerate(mine)
            ]
        elif name == "languages{code: name}":
            codes = ["en", "sw"] + [f"x{chr(97 + n)}" for n in range(len(mine) - 2)]
            cfg["languages"] = dict(zip(codes, mine, strict=True))
        elif name == "translations{language: {phrase: text}}":
            from lnob_methods.voices.validation_form import PHRASES

            keys = sorted(PHRASES)
            cfg["translations"] = {
                "sw": {keys[n % len(keys)]: p for n, p in enumerate(mine)}  # shown in the form
            }
        else:
            top, _, sub = name.partition(".")
            holder = cfg["research_focus"] if sub else cfg
            key = sub or top
            kind = countries._FOCUS_KEYS[sub] if sub else countries._KEYS[top][0]
            holder[key] = list(mine) if kind is list else " ".join(mine)
    return cfg, tried
