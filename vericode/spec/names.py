"""Name and type checks: every name a clause uses exists, and every phrase fits the
type of what it talks about (``x is sorted`` needs a sequence, not an int).

``Scope`` knows the spec's parameters, its ``define:`` names and the variables that
quantifiers bind; ``TypeCheckerBase.infer`` gives an expression's type or raises a
``SpecError`` at the offending word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar

from vericode.spec import nodes as n
from vericode.spec.errors import SpecError, suggest
from vericode.spec.models import Spec
from vericode.spec.types import (
    ANY,
    CHAR,
    COLLECTIONS,
    INT,
    NUMBERS,
    SEQUENCES,
    DType,
    fits,
    join,
)

HELPERS = {"Sum": INT, "Product": INT, "Max": INT, "Min": INT, "Count": DType(name="nat"),
           "CountIf": DType(name="nat"), "Reversed": ANY, "IsSubsequence": DType(name="bool"),
           "DistinctCount": DType(name="nat")}
"""Helper functions the phrases render to; a clause may also call them by name."""


@dataclass
class Scope:
    """What a name means inside one clause."""

    params: dict[str, DType]
    outputs: list[str]
    functions: set[str]
    bound: list[dict[str, DType]] = field(default_factory=list)
    elements: list[DType] = field(default_factory=list)
    """The element types of the ``every element of …`` subjects we are inside."""

    @classmethod
    def of(cls, spec: Spec) -> Scope:
        return cls(params={p.name: p.type for p in spec.params},
                   outputs=[p.name for p in spec.outputs],
                   functions=set(spec.defined_names))

    def lookup(self, name: str) -> DType | None:
        for frame in reversed(self.bound):
            if name in frame:
                return frame[name]
        return self.params.get(name)

    @property
    def known(self) -> list[str]:
        names = [*self.params, *self.functions]
        return names + [name for frame in self.bound for name in frame]


class TypeCheckerBase:
    """Infers types bottom-up; raises ``SpecError`` on an unknown name or a misfit."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    RULES: ClassVar[dict[type, Callable[[Any, Any], DType]]] = {}
    """One rule per node class; ``vericode.spec.typing_rules.TypeCheckerBase`` fills it in."""

    def infer(self, node: n.Expr) -> DType:
        return self.RULES[type(node)](self, node)

    def expect(self, node: n.Expr, what: str, *names: str) -> DType:
        """The type of ``node``, which must be one of ``names``."""
        found = self.infer(node)
        if not found.is_(*names):
            raise SpecError(node.line, node.column,
                            f"{what} needs {_describe(names)}, but this is {found}")
        return found

    def boolean(self, node: n.Expr) -> None:
        self.expect(node, "a condition", "bool")

    def number(self, node: n.Expr, what: str) -> DType:
        return self.expect(node, what, *NUMBERS)

    def same(self, a: n.Expr, b: n.Expr, what: str) -> DType:
        ta, tb = self.infer(a), self.infer(b)
        if not fits(ta, tb):
            raise SpecError(b.line, b.column, f"{what} compares {ta} with {tb}")
        return join(ta, tb)

    def name(self, node: n.Name) -> DType:
        found = self.scope.lookup(node.name)
        if found is not None:
            return found
        if node.name in self.scope.functions or node.name in HELPERS:
            return ANY
        raise SpecError(node.line, node.column, f"unknown name `{node.name}`",
                        suggest(node.name, self.scope.known), phrases=True)

    @contextmanager
    def bound(self, *variables: tuple[str, DType, n.Node]) -> Iterator[None]:
        """Inside a quantifier or lambda: its variables, none of which may hide another
        name, are in scope (and out of it afterwards, even on an error)."""
        opened = 0
        try:
            for name, dtype, where in variables:
                if self.scope.lookup(name) is not None or name in self.scope.functions:
                    raise SpecError(where.line, where.column,
                                    f"`{name}` already names something in this spec; "
                                    "the quantifier needs a new name")
                self.scope.bound.append({name: dtype})
                opened += 1
            yield
        finally:
            del self.scope.bound[len(self.scope.bound) - opened:]


def element_type(t: DType) -> DType:
    """What an ``every element of`` over ``t`` ranges over."""
    if t.name == "string":
        return CHAR
    return t.element


def collection_of(checker: TypeCheckerBase, node: n.Expr, what: str) -> DType:
    return checker.expect(node, what, *COLLECTIONS)


def sequence_of(checker: TypeCheckerBase, node: n.Expr, what: str) -> DType:
    return checker.expect(node, what, *SEQUENCES)


def _describe(names: tuple[str, ...]) -> str:
    if set(names) == set(COLLECTIONS):
        return "a collection (seq, array, string, set, multiset or map)"
    if set(names) == set(SEQUENCES):
        return "a sequence, array or string"
    if set(names) == set(NUMBERS):
        return "a number"
    if set(names) == {*NUMBERS, "char"}:
        return "a number or char"
    return " or ".join(names)
