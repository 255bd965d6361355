"""A parsed ``.spec`` file: specs, their parameters, clauses, helpers and examples.

One class per structural rule of ``spec.lark`` (``spec``, ``param``, ``clause``,
``define``, ``frame``, ``example``, ``binding``); the clause trees live in
``vericode.spec.nodes``. Every model keeps the line and column it came from.
"""

from __future__ import annotations

import re
from typing import Literal as Choice

from pydantic import BaseModel, ConfigDict

from vericode.spec.nodes import Expr
from vericode.spec.types import DType

_DECLARED = re.compile(
    r"\b(?:function|predicate|lemma|method|const|datatype|type|class)\s+(?:\{[^}]*\}\s*)?"
    r"([A-Za-z_][A-Za-z0-9_']*)")


class Located(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    line: int
    column: int


class Param(Located):
    """``input a: seq<int>`` or ``output m: int``."""

    kind: Choice["input", "output"]
    name: str
    type: DType


class Clause(Located):
    """``requires: …`` or ``ensures: …``: the tree and the words the user wrote."""

    kind: Choice["requires", "ensures"]
    expr: Expr
    text: str
    formalized_by: str | None = None
    """The model that wrote ``expr`` for words the grammar could not read (``--formalize
    llm``); None: the grammar read the clause itself."""


class Define(Located):
    """A ``define:`` block of Dafny helper definitions, kept verbatim."""

    text: str
    body_line: int = 0
    """The line of the file where ``text`` starts (Dafny's messages point there)."""

    @property
    def names(self) -> list[str]:
        """The names the block declares (functions, predicates, lemmas, constants…)."""
        return _DECLARED.findall(self.text)


class Frame(Located):
    """``reads: a`` or ``modifies: a, b`` (arrays only)."""

    kind: Choice["reads", "modifies"]
    names: tuple[str, ...]


class Binding(Located):
    """``x = 5`` in an example: a name and a literal value."""

    name: str
    value: Expr
    text: str


class Example(Located):
    """``example: x = 5, lo = 0, hi = 3 -> y = 3``."""

    inputs: tuple[Binding, ...]
    outputs: tuple[Binding, ...]
    text: str


class Spec(Located):
    name: str
    description: str = ""
    params: tuple[Param, ...] = ()
    clauses: tuple[Clause, ...] = ()
    defines: tuple[Define, ...] = ()
    frames: tuple[Frame, ...] = ()
    examples: tuple[Example, ...] = ()

    @property
    def inputs(self) -> list[Param]:
        return [p for p in self.params if p.kind == "input"]

    @property
    def outputs(self) -> list[Param]:
        return [p for p in self.params if p.kind == "output"]

    @property
    def requires(self) -> list[Clause]:
        return [c for c in self.clauses if c.kind == "requires"]

    @property
    def ensures(self) -> list[Clause]:
        return [c for c in self.clauses if c.kind == "ensures"]

    def frame(self, kind: str) -> list[str]:
        return [name for f in self.frames if f.kind == kind for name in f.names]

    @property
    def defined_names(self) -> list[str]:
        return [name for d in self.defines for name in d.names]

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


class SpecFile(BaseModel):
    """Everything one ``.spec`` file holds."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    text: str
    specs: tuple[Spec, ...]
