"""The shape of a spec beyond its grammar: unique names, outputs, frames that name
arrays, and examples that give every input and output a literal of the right type."""

from __future__ import annotations

from vericode.spec import nodes as n
from vericode.spec.errors import SpecError, suggest
from vericode.spec.models import Binding, Example, Spec
from vericode.spec.names import HELPERS, Scope
from vericode.spec.types import as_value, fits
from vericode.spec.typing_rules import TypeChecker

_KEYWORDS = """
    abstract allocated array as assert assume bool break by calc case char class codatatype
    colemma const constructor copredicate datatype decreases default else ensures exists
    expect export extends false forall fresh function ghost if imap import in include
    inductive int invariant is iset iterator label lemma map match method modifies modify
    module multiset nameonly nat new newtype null object old opened ORDINAL predicate print
    private protected provides reads real refines requires return returns reveal reveals seq
    set static string then this trait true twostate type unchanged var while witness yield
    yields"""
DAFNY_KEYWORDS = frozenset(_KEYWORDS.split())
"""Dafny's reserved words: a spec, parameter or bound variable so named would not parse."""


def check_file(specs: tuple[Spec, ...]) -> None:
    """What holds across the specs of one file: each name once (``FILE.spec#NAME``
    must name one spec, and the skeletons share nothing)."""
    seen: set[str] = set()
    for spec in specs:
        if spec.name in seen:
            raise SpecError(spec.line, spec.column + len("spec "),
                            f"a second spec named {spec.name} in this file",
                            "give each spec of a file its own name")
        seen.add(spec.name)


def check_structure(spec: Spec) -> None:
    _check_names(spec)
    _check_params(spec)
    _check_frames(spec)
    _check_helpers(spec)
    outputs = {p.name for p in spec.outputs}
    for clause in spec.requires:
        for e in n.walk(clause.expr):
            if isinstance(e, n.Old):
                raise SpecError(e.line, e.column, "`old(…)` only makes sense in ensures:")
            if isinstance(e, n.TheResult) or (isinstance(e, n.Name) and e.name in outputs):
                raise SpecError(e.line, e.column, "requires: cannot mention an output "
                                "(it has no value before the call)")
    for clause in spec.ensures:
        _check_old_arrays(spec, clause.expr)
    for example in spec.examples:
        _check_example(spec, example)


def _check_old_arrays(spec: Spec, expr: n.Expr) -> None:
    """``old(a)`` of an array is the same array as ``a`` in Dafny (``old`` reads the
    heap only inside its parentheses), so ``old(a)[i]`` reads ``a[i]`` as it is now:
    never what a spec means. The phrases (``the sum of old(a)``) read it right."""
    arrays = {p.name for p in spec.params if p.type.name == "array"}
    for e in n.walk(expr):
        if not isinstance(e, n.Index | n.Slice | n.Member | n.Chain | n.Binary | n.Call) or (
                isinstance(e, n.Member) and e.field == "Length"):
            continue  # an array's length never changes: old(a).Length is a.Length
        for child in n.children(e):
            if isinstance(child, n.Old) and isinstance(child.operand, n.Name) and \
                    child.operand.name in arrays:
                name = child.operand.name
                raise SpecError(child.line, child.column,
                                f"`old({name})` is the array `{name}` itself in Dafny, not its "
                                "contents before the call",
                                f"write `old({name}[i])`, `old({name}[..])` or "
                                f"`old({name}[lo..hi])` to read the old contents")


def _check_names(spec: Spec) -> None:
    """Names that reach Dafny as they are must be free there, and literals ASCII."""
    column = spec.column + len("spec ")
    if spec.name in DAFNY_KEYWORDS or spec.name in HELPERS or spec.name in spec.defined_names:
        raise SpecError(spec.line, column, f"`{spec.name}` cannot name a spec: "
                        + _taken(spec.name, spec), "choose another name")
    for param in spec.params:
        if param.name in DAFNY_KEYWORDS or param.name in HELPERS:
            raise SpecError(param.line, param.column, f"`{param.name}` cannot name a "
                            f"parameter: {_taken(param.name, spec)}", "choose another name")
    for expr in [c.expr for c in spec.clauses] + [b.value for e in spec.examples
                                                   for b in (*e.inputs, *e.outputs)]:
        for e in n.walk(expr):
            _check_node_names(e)


def _check_node_names(e: n.Expr) -> None:
    bound = [e.var] if isinstance(e, n.Quantified) and e.var else []
    if isinstance(e, n.DafnyQuantifier):
        bound = [v.name for v in e.vars]
    if isinstance(e, n.Lambda):
        bound = [e.var.name]
    for name in bound:
        if name in DAFNY_KEYWORDS:
            raise SpecError(e.line, e.column, f"`{name}` is a Dafny keyword: the quantifier "
                            "needs another name")
    if isinstance(e, n.Literal) and e.kind in ("string", "char") and not e.text.isascii():
        char = next(c for c in e.text if not c.isascii())
        raise SpecError(e.line, e.column, f"`{char}` in a {e.kind} literal: Dafny reads only "
                        f"ASCII there; write it as \\u{ord(char):04x}"
                        if ord(char) <= 0xFFFF else
                        f"`{char}` in a {e.kind} literal is outside what Dafny 2 can read")


def _taken(name: str, spec: Spec) -> str:
    if name in DAFNY_KEYWORDS:
        return "it is a Dafny keyword"
    if name in HELPERS:
        return "it is a helper function vericode renders phrases with"
    return "a define: block declares it too"


def _check_params(spec: Spec) -> None:
    seen: set[str] = set()
    for param in spec.params:
        if param.name in seen:
            raise SpecError(param.line, param.column, f"`{param.name}` is declared twice")
        seen.add(param.name)
    if not spec.outputs and not spec.frame("modifies"):
        raise SpecError(spec.line, spec.column, f"spec {spec.name} has no output",
                        "add a line `output NAME: TYPE` (or `modifies: a` for an array)")


def _check_frames(spec: Spec) -> None:
    for frame in spec.frames:
        for name in frame.names:
            param = spec.param(name)
            if param is None or param.type.name != "array":
                raise SpecError(frame.line, frame.column,
                                f"`{frame.kind}: {name}` needs an array input named {name}")


def _check_helpers(spec: Spec) -> None:
    for define in spec.defines:
        clash = sorted(set(define.names) & set(HELPERS))
        if clash:
            raise SpecError(define.line, define.column,
                            f"define: declares `{clash[0]}`, a helper vericode renders "
                            "phrases with; give yours another name")


def _check_example(spec: Spec, example: Example) -> None:
    inputs = {p.name for p in spec.inputs}
    outputs = {p.name for p in spec.outputs} | set(spec.frame("modifies"))
    _check_side(spec, example, example.inputs, inputs, "input")
    _check_side(spec, example, example.outputs, outputs, "output")
    before = {b.name: b.value for b in example.inputs}
    for binding in example.outputs:
        if binding.name in before and not _same_size(before[binding.name], binding.value):
            raise SpecError(binding.line, binding.column,
                            f"array `{binding.name}` cannot change its length")


def _check_side(spec: Spec, example: Example, bindings: tuple[Binding, ...],
                expected: set[str], side: str) -> None:
    given = [b.name for b in bindings]
    for binding in bindings:
        if binding.name not in expected:
            raise SpecError(binding.line, binding.column,
                            f"`{binding.name}` is not an {side} of {spec.name}",
                            suggest(binding.name, sorted(expected)))
        if given.count(binding.name) > 1:
            raise SpecError(binding.line, binding.column, f"`{binding.name}` is given twice")
        _check_value(spec, binding)
    missing = sorted(expected - set(given))
    required = missing if side == "input" else [m for m in missing if m not in
                                                 spec.frame("modifies")]
    if required:
        raise SpecError(example.line, example.column,
                        f"this example gives no value for {side} `{required[0]}`")


def _check_value(spec: Spec, binding: Binding) -> None:
    value = binding.value
    bad = next((e for e in n.walk(value) if not _is_literal_part(e)), None)
    if bad is not None:
        raise SpecError(bad.line, bad.column, "an example value must be a literal "
                        "(numbers, true/false, 'c', \"text\", [..], {..}, multiset{..}, map[..])")
    param = spec.param(binding.name)
    assert param is not None
    found = TypeChecker(Scope(params={}, outputs=[], functions=set())).infer(value)
    if not fits(as_value(param.type), found):
        raise SpecError(value.line, value.column,
                        f"`{binding.name}` is a {param.type}, but this value is a {found}")
    if param.type.name == "nat" and isinstance(value, n.Negative):
        raise SpecError(value.line, value.column, f"`{binding.name}` is a nat: not negative")


def _is_literal_part(e: n.Expr) -> bool:
    if isinstance(e, n.Negative):
        return isinstance(e.operand, n.Literal) and e.operand.kind == "int"
    return isinstance(e, n.Literal | n.Display | n.MapDisplay)


def _same_size(a: n.Expr, b: n.Expr) -> bool:
    sizes = [len(e.items) if isinstance(e, n.Display) else None for e in (a, b)]
    return sizes[0] == sizes[1]


def check_spec(spec: Spec) -> None:
    """Check the whole spec: parameters, frames, clauses and examples."""
    check_structure(spec)
    for clause in spec.clauses:
        checker = TypeChecker(Scope.of(spec))
        checker.boolean(clause.expr)
