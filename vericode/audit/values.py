"""Values of Dafny types written as text: defaults, a few samples, fresh arrays.

Only the built-in types have them; a user type (a datatype, a subset type, a class)
has none here, and whatever needs one is skipped.
"""

from __future__ import annotations

import re

_DEFAULTS = {"int": "0", "nat": "0", "bool": "false", "char": "'a'", "string": '""',
             "real": "0.0", "seq": "[]", "set": "{}", "iset": "iset{}",
             "multiset": "multiset{}", "map": "map[]", "imap": "imap[]"}
_SAMPLES = {"int": ("0", "1", "-1"), "nat": ("0", "1"), "bool": ("false", "true"),
            "string": ('""', '"a"')}
_HEAD = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(<.*>)?\s*$", re.S)


def head(type_text: str) -> str:
    """The type's constructor: ``seq`` for ``seq<int>``, ``int`` for ``int``."""
    match = _HEAD.match(type_text)
    return match.group(1) if match else ""


def element(type_text: str) -> str:
    """The first type argument: ``int`` for ``array<int>``."""
    match = _HEAD.match(type_text)
    return match.group(2)[1:-1].strip() if match and match.group(2) else ""


def default(type_text: str) -> str | None:
    """The type's default value, or None for a type without one here."""
    if is_array(type_text):
        return None
    return _DEFAULTS.get(head(type_text))


def samples(type_text: str) -> tuple[str, ...]:
    """A few values of the type (its default first); empty for a type without any."""
    name = head(type_text)
    if is_array(type_text) or name not in _DEFAULTS:
        return ()
    return _SAMPLES.get(name, (_DEFAULTS[name],))


def constants(type_text: str) -> tuple[str, ...]:
    """The trivial constants for an output: 0, 1, -1 for ints, true for bools."""
    return {"int": ("0", "1", "-1"), "nat": ("0", "1"), "bool": ("true",),
            "real": ("1.0",)}.get(head(type_text), ())


def is_array(type_text: str) -> bool:
    return head(type_text).rstrip("?") in ("array", "array?")


def fresh_array(type_text: str) -> str | None:
    """``new T[0]`` for ``array<T>``."""
    item = element(type_text)
    return f"new {item}[0]" if is_array(type_text) and item else None
