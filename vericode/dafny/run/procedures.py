"""Which procedures Dafny verified: its per-implementation outcomes, by declaration.

Boogie announces each implementation it checks (``Verifying Impl$$_module.__default.Abs
...``) and then its outcome (``[0.072 s, 1 proof obligation]  verified``); the command
line prints these with ``/trace``, the server always. An implementation name encodes
the declaration: ``Impl$$`` (a method or lemma body), ``CheckWellformed$$`` (a
function's or a contract's well-formedness), ``OverrideCheck$$``; then the module
(``_module`` by default, ``_N_Name`` for others), the class (``__default`` at top level)
and the member, with ``_`` doubled and ``'``, ``?``, ``#`` written ``_k``, ``_q``, ``_h``.
"""

from __future__ import annotations

import re

from vericode.seams import Procedure

_VERIFYING = re.compile(r"^Verifying (?P<name>\S+) \.\.\.$")
_OUTCOME = re.compile(r"^\s+\[(?:[\d.]+ s, )?\d+ proof obligations?\]\s+(?P<outcome>\S.*?)\s*$")
_ESCAPES = {"__": "_", "_k": "'", "_q": "?", "_h": "#"}


def procedure_outcomes(text: str) -> list[Procedure]:
    """Every announced implementation with its outcome, in order."""
    found: list[Procedure] = []
    pending: str | None = None
    for line in text.splitlines():
        if m := _VERIFYING.match(line):
            pending = m.group("name")
        elif (m := _OUTCOME.match(line)) and pending is not None:
            found.append(procedure(pending, m.group("outcome")))
            pending = None
    return found


def procedure(internal: str, outcome: str) -> Procedure:
    """The procedure ``internal`` (``Impl$$_module.__default.Abs``) read as a declaration."""
    check, _, path = internal.partition("$$")
    parts = path.split(".")
    module = "" if parts[0] == "_module" else re.sub(r"^_\d+_", "", parts[0])
    rest = [decode(p) for p in parts[1:] if p != "__default"]
    return Procedure(internal=internal, check=check, module=decode(module),
                     declaration=".".join(rest), outcome=outcome)


def decode(name: str) -> str:
    """An identifier as Dafny wrote it in Boogie (``m__2`` is ``m_2``, ``F_k`` is ``F'``)."""
    return re.sub(r"__|_k|_q|_h", lambda m: _ESCAPES[m.group(0)], name)
