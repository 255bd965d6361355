"""The renderer's shared pieces; ``vericode.spec.render`` adds the rules.

Clauses to Dafny expressions: one small rule per node class, precedence-aware, so
the output has the parentheses Dafny needs and no others.

The same renderer writes the skeleton's contract and the check programs. In a check
program every name holds a concrete value and arrays are plain sequences, so
``Renderer(spec, check=True)`` writes ``|a|`` where the skeleton writes ``a.Length``,
and ``old(x)`` reads the variable that holds the value before the call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar

from vericode.spec import nodes as n
from vericode.spec.concrete import Values
from vericode.spec.models import Spec
from vericode.spec.names import HELPERS, Scope, element_type
from vericode.spec.types import DType
from vericode.spec.typing_rules import TypeChecker

LOW, IFF, IMP, LOGIC, REL, ADD, MUL, UNARY, ATOM = range(9)
"""Dafny precedences, loosest first (quantifiers and if-then-else are LOW)."""

PREC = {"<==>": IFF, "==>": IMP, "&&": LOGIC, "||": LOGIC, "+": ADD, "-": ADD,
         "*": MUL, "/": MUL, "%": MUL}


@dataclass(frozen=True)
class Out:
    """Rendered text, how tightly it binds, and its top operator (``&&`` and ``||``
    may not mix in Dafny without parentheses)."""

    text: str
    prec: int
    op: str = ""


def old_name(name: str) -> str:
    """The check-program variable holding an array's value before the call."""
    return f"old_{name}"


class RendererBase:
    """Renders the clauses of one spec; fresh names never capture the spec's own."""

    def __init__(self, spec: Spec, check: bool = False) -> None:
        self.spec = spec
        self.check = check
        self.checker = TypeChecker(Scope.of(spec))
        self.helpers: set[str] = set()
        self.taken = _spec_names(spec)
        self.used: set[str] = set(self.taken)
        self.in_old = False
        self.values: Values | None = None
        """In a check program: the literal each name holds (set per lemma)."""
        self.elements: list[Callable[[], Out]] = []
        self.facts: list[str] = []
        """In a check program: facts about the literals rendered in place of slices
        (``[2, 1][0] == 2``), which give Dafny the terms it instantiates quantifiers
        with; the check program asserts them before the clause (see ``take_facts``)."""

    def take_facts(self) -> list[str]:
        """The facts gathered since the last call, each once."""
        facts, self.facts = list(dict.fromkeys(self.facts)), []
        return facts

    def clause(self, expr: n.Expr, pre_state: bool = False) -> str:
        """A whole clause, without outer parentheses; a precondition reads the values
        before the call (which only matters in a check program)."""
        self.used = self.taken | _clause_names(expr)
        if pre_state and self.check:
            with self.old():
                return self.render(expr).text
        return self.render(expr).text

    RULES: ClassVar[dict[type, Callable[[Any, Any], Out]]] = {}
    """One rule per node class; ``vericode.spec.render.Renderer`` fills it in."""

    def render(self, e: n.Expr) -> Out:
        return self.RULES[type(e)](self, e)

    # ---- shared pieces ------------------------------------------------------------
    def type_of(self, e: n.Expr) -> DType:
        return self.checker.infer(e)

    def fresh(self, base: str) -> str:
        """A name no part of the spec uses (``i``, ``j``, ``k``, then ``i0``, ``i1``…)."""
        firsts = {"i": ("i", "j", "k"), "x": ("x", "y", "z")}.get(base, (base,))
        candidates: list[str] = [*firsts, *(f"{base}{k}" for k in range(1000))]
        name = next(c for c in candidates if c not in self.used)
        self.used.add(name)
        return name

    def wrap(self, e: n.Expr | Out, prec: int) -> str:
        out = self.render(e) if isinstance(e, n.Expr) else e
        return out.text if out.prec >= prec else f"({out.text})"

    def logic_operand(self, e: n.Expr | Out, op: str) -> str:
        out = self.render(e) if isinstance(e, n.Expr) else e
        if out.prec > LOGIC or (out.prec == LOGIC and out.op == op):
            return out.text
        return f"({out.text})"

    def is_array(self, e: n.Expr) -> bool:
        return not self.check and self.type_of(e).name == "array"

    def as_sequence(self, e: n.Expr) -> Out:
        """``e`` as a sequence: ``a[..]`` for an array, ``old(a[..])`` for an old one."""
        if not self.is_array(e):
            return self.render(e)
        if isinstance(e, n.Old):
            with self.old():
                inner = self.as_sequence(e.operand).text
            return Out(f"old({inner})", ATOM)
        return Out(f"{self.wrap(e, ATOM)}[..]", ATOM)

    def length(self, e: n.Expr) -> Out:
        if self.is_array(e):
            return Out(f"{self.wrap(e, ATOM)}.Length", ATOM)
        return Out(f"|{self.render(e).text}|", ATOM)

    def element_at(self, domain: n.Expr, index: str) -> Out:
        """The element at ``index`` of a sequence or array (under ``old`` if it is)."""
        if isinstance(domain, n.Old) and not self.check:
            with self.old():
                inner = self.element_at(domain.operand, index).text
            return Out(f"old({inner})", ATOM)
        return Out(f"{self.wrap(domain, ATOM)}[{index}]", ATOM)

    def helper(self, name: str) -> str:
        self.helpers.add(name)
        return name

    @contextmanager
    def old(self) -> Iterator[None]:
        saved, self.in_old = self.in_old, True
        try:
            yield
        finally:
            self.in_old = saved

    @contextmanager
    def binding(self, name: str | None, dtype: DType,
                element: Callable[[], Out] | None = None) -> Iterator[None]:
        """Inside a quantifier: its variable has a type, and ``ElementRef`` a text."""
        if name is not None:
            self.checker.scope.bound.append({name: dtype})
        if element is not None:
            self.elements.append(element)
            self.checker.scope.elements.append(dtype)
        try:
            yield
        finally:
            if name is not None:
                self.checker.scope.bound.pop()
            if element is not None:
                self.elements.pop()
                self.checker.scope.elements.pop()

    @contextmanager
    def knowing(self, name: str, value: n.Expr | None) -> Iterator[None]:
        """In a check program, inside ``var name := value; …``: the name holds that
        literal, so nested quantifiers and slices over it are written out too."""
        if value is None or self.values is None:
            yield
            return
        values, before = self.values, self.values.now.get(name)
        values.now[name] = value
        try:
            yield
        finally:
            if before is None:
                values.now.pop(name, None)
            else:
                values.now[name] = before

    def domain_element(self, domain: n.Expr) -> DType:
        return element_type(self.type_of(domain))


def _spec_names(spec: Spec) -> set[str]:
    """The names every clause can see: parameters, definitions, helpers."""
    names = {p.name for p in spec.params} | set(spec.defined_names) | set(HELPERS)
    return names | {old_name(p.name) for p in spec.params}


def _clause_names(expr: n.Expr) -> set[str]:
    """Every identifier a clause mentions or binds, so fresh names avoid all of them."""
    names: set[str] = set()
    for e in n.walk(expr):
        if isinstance(e, n.Name):
            names.add(e.name)
        elif isinstance(e, n.Quantified) and e.var:
            names.add(e.var)
        elif isinstance(e, n.DafnyQuantifier):
            names |= {v.name for v in e.vars}
        elif isinstance(e, n.Lambda):
            names.add(e.var.name)
    return names
