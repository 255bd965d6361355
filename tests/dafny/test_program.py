"""The declaration-level program model, on every declaration form and on real tasks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vericode.dafny.syntax.lexer import TokenKind
from vericode.dafny.syntax.program import DafnySyntaxError, Decl, Program, parse_program
from vericode.errors import BadInput

FIXTURES = Path(__file__).parent.parent / "fixtures"
SINK = FIXTURES / "program" / "kitchen_sink.dfy"
VERICODING = FIXTURES / "vericoding"


@pytest.fixture(scope="module")
def sink() -> Program:
    return parse_program(SINK.read_text(encoding="utf-8"), str(SINK))


def decl(program: Program, name: str) -> Decl:
    found = dict(program.walk())
    return found[name]


def test_every_declaration_form_has_its_kind_name_and_modifiers(sink: Program) -> None:
    shapes = {name: (d.kind, d.modifiers) for name, d in sink.walk()}
    inner = "Outer.Inner."
    expected = {
        "lib/util.dfy": ("include", ()),
        "Outer.Inner": ("module", ()),
        inner + "K": ("const", ()),
        inner + "Index": ("type", ()),
        inner + "Byte": ("newtype", ()),
        inner + "Tree": ("datatype", ()),
        inner + "Tree.Node": ("ctor", ()),
        inner + "Tree.IsLeaf": ("predicate", ()),
        inner + "Stream": ("codatatype", ()),
        inner + "Spec": ("function", ("ghost",)),
        inner + "Hidden": ("function", ("opaque",)),
        inner + "Stat": ("function", ("static",)),
        inner + "Grew": ("predicate", ("twostate",)),
        inner + "Reach": ("predicate", ("least",)),
        inner + "Inf": ("predicate", ("greatest",)),
        inner + "Mono": ("lemma", ("twostate",)),
        inner + "Co": ("lemma", ("greatest",)),
        inner + "Counter": ("class", ()),
        inner + "Counter.n": ("var", ()),
        inner + "Counter.history": ("var", ("ghost",)),
        inner + "Counter._ctor": ("constructor", ()),
        inner + "Counter.Named": ("constructor", ()),
        inner + "Shape": ("trait", ()),
        inner + "Gen": ("iterator", ()),
        inner + "Empty": ("module", ("abstract",)),
        "Top": ("method", ()),
    }
    assert {k: shapes[k] for k in expected} == expected


def test_types_imports_and_includes_say_what_they_are(sink: Program) -> None:
    details = {name: d.detail for name, d in sink.walk() if d.kind in ("type", "newtype",
                                                                         "import", "include")}
    assert details["Outer.Inner.Index"] == "synonym"
    assert details["Outer.Inner.Pos"] == "subset"
    assert details["Outer.Inner.Small"] == "subset"
    assert details["Outer.Inner.Opaque"] == "opaque"
    assert details["Outer.Inner.Std.Wrappers"] == "opened Std.Wrappers"
    assert details["Outer.Inner.M"] == "M = Library.Math"
    assert details["Outer.Inner.A"] == "A : AbstractSpec"


def test_attributes_keep_their_name_and_raw_arguments(sink: Program) -> None:
    text = sink.text
    trusted = decl(sink, "Outer.Inner.Trusted")
    assert [(a.name, a.args) for a in trusted.attributes] == [("axiom", "")]
    external = decl(sink, "Outer.Inner.External")
    assert [(a.name, a.args) for a in external.attributes] == [("extern", '"ext_name"')]
    assert external.attribute("extern") is not None
    assert external.body is None
    unchecked = decl(sink, "Outer.Inner.Unchecked")
    assert unchecked.attributes[0].span.of(text) == "{:verify false}"


def test_signature_clauses_and_body_are_exact_spans(sink: Program) -> None:
    text = sink.text
    loop = decl(sink, "Outer.Inner.Loop")
    assert loop.signature.of(text) == "method Loop(a: array<int>) returns (r: int)"
    assert [(c.kind, c.text) for c in loop.clauses] == [
        ("requires", "a.Length > 0"), ("modifies", "a"), ("ensures", "r == a[0]"),
        ("decreases", "*")]
    assert loop.clauses[0].span.of(text) == "requires a.Length > 0"
    assert loop.body is not None
    body = loop.body.of(text)
    assert body.startswith("{\n    r := a[0];") and body.endswith("{ }\n  }")
    assert (loop.line, loop.column) == (56, 3)
    assert loop.params == ("a", "r")


def test_iterator_clauses_and_named_function_results(sink: Program) -> None:
    gen = decl(sink, "Outer.Inner.Gen")
    assert [c.kind for c in gen.clauses] == ["yield requires", "yield ensures", "ensures"]
    assert gen.params == ("n", "x")
    spec = decl(sink, "Outer.Inner.Spec")
    assert spec.params == ("s", "r") and spec.body is None
    assert spec.signature.of(sink.text) == "ghost function Spec(s: seq<int>): (r: int)"


def test_braces_inside_strings_comments_and_displays_do_not_end_a_body(sink: Program) -> None:
    top = decl(sink, "Top")
    assert [c.text for c in top.clauses] == ['t == s + "}"']
    assert top.body is not None and top.body.of(sink.text) == '{\n  t := s + "}";\n}'
    in_set = decl(sink, "Outer.Inner.InSet")
    assert in_set.body is not None and in_set.body.of(sink.text) == "{ x in {1, 2, 3} }"


def test_body_tokens_let_a_gate_look_inside(sink: Program) -> None:
    unchecked = decl(sink, "Outer.Inner.Unchecked")
    words = [t.text for t in sink.body_tokens(unchecked)]
    assert words == ["{", "assume", "false", ";", "}"]
    assert all(t.kind is not TokenKind.COMMENT for t in sink.tokens)


@pytest.mark.parametrize("source, clauses, body", [
    ("method M(x: int) requires x in {1, 2} { }", ["x in {1, 2}"], "{ }"),
    ("function F(s: seq<int>): int ensures F(s) <= |s| { 0 }", ["F(s) <= |s|"], "{ 0 }"),
    ("method M() returns (r: int) ensures var y := 1; r == y { r := 1; }",
     ["var y := 1; r == y"], "{ r := 1; }"),
    ("method M(o: Option<int>) ensures match o { case Some(v) => v > 0 case None => true } {}",
     ["match o { case Some(v) => v > 0 case None => true }"], "{}"),
    ("method M() decreases * { }", ["*"], "{ }"),
    ("method M(s: string) requires forall i :: 0 <= i < |s| ==> s[i] in\n{\n  assume false;\n}",
     ["forall i :: 0 <= i < |s| ==> s[i] in"], "{\n  assume false;\n}"),
    ("method M(a: seq<int>) ensures multiset(a) == multiset{}; { }",
     ["multiset(a) == multiset{};"], "{ }"),
    ("function F(): seq<int> { [] }", [], "{ [] }"),
    ("function F(f: int -> int, g: (int, bool) --> int): int { 0 }", [], "{ 0 }"),
])
def test_where_a_clause_ends_and_a_body_begins(source: str, clauses: list[str], body: str) -> None:
    (only,) = parse_program(source).decls
    assert [c.text for c in only.clauses] == clauses
    assert only.body is not None and only.body.of(source) == body


def test_every_vericoding_tagged_file_parses() -> None:
    files = sorted((VERICODING / "tagged").glob("*.dfy"))
    assert len(files) == 12
    for path in files:
        program = parse_program(path.read_text(encoding="utf-8"), str(path))
        assert any(d.kind == "method" and d.body for d in program.decls), path


def test_every_vericoding_task_parses_with_its_code_as_the_last_body() -> None:
    lines = (VERICODING / "dafny_tasks_sample.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 40
    for line in lines:
        task = json.loads(line)
        parts = [task[k] for k in ("vc-preamble", "vc-helpers", "vc-spec", "vc-code")]
        text = "\n".join(parts)
        program = parse_program(text, task["id"])
        last = program.decls[-1]
        assert last.body is not None and last.body.of(text) == task["vc-code"].strip(), task["id"]
        assert last.signature.of(text).split("(")[0] in task["vc-spec"]


@pytest.mark.parametrize("source, line, column, token, words", [
    ("method M( { }", 1, 11, "'{ }'", "expected"),
    ("method M() { }\n}", 2, 1, "'}'", "expected a declaration, end of input (this '}' closes"),
    ("x := 1;", 1, 1, "'x'", "(statements belong inside a body; only declarations stand"),
    ("lemma L()\n  ensures", 2, 10, "end of input", "end of input"),
    ("function F(): int {\n  0", 1, 19, "{", "never closed"),
    ('method M() { var s := "abc }', 1, 23, "", "unterminated string"),
    ("method M() { /* open", 1, 14, "", "unterminated block comment"),
])
def test_parse_errors_name_line_column_and_token(source: str, line: int, column: int,
                                                 token: str, words: str) -> None:
    with pytest.raises(DafnySyntaxError) as info:
        parse_program(source, "cand.dfy")
    error = info.value
    assert isinstance(error, BadInput)
    assert (error.line, error.column, error.token) == (line, column, token)
    assert str(error).startswith(f"cand.dfy:{line}:{column}: ") and words in str(error)


def _shape(program: Program) -> list[tuple[str, str, tuple[str, ...], bool]]:
    return [(d.kind, name, tuple(c.kind for c in d.clauses), d.body is not None)
            for name, d in program.walk()]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([" ", "\n", "/* } { */", "// } {\n", "/* /* nested */ } */"]),
                min_size=1, max_size=8),
       st.randoms(use_true_random=False))
def test_comments_and_space_between_tokens_change_nothing(noise: list[str], rnd: object) -> None:
    text = SINK.read_text(encoding="utf-8")
    program = parse_program(text)
    cuts = sorted({t.end for t in program.tokens})
    chosen = sorted(rnd.sample(cuts, min(len(noise), len(cuts))))  # type: ignore[attr-defined]
    noisy = text
    for at, piece in sorted(zip(chosen, noise, strict=False), reverse=True):
        noisy = noisy[:at] + " " + piece + "\n" + noisy[at:]
    assert _shape(parse_program(noisy)) == _shape(program)


def test_a_reply_shaped_candidate_has_exact_bodies() -> None:
    path = FIXTURES / "program" / "candidate.dfy"
    text = path.read_text(encoding="utf-8")
    program = parse_program(text, str(path))
    assert [(d.kind, d.name) for d in program.decls] == [
        ("datatype", "Option"), ("function", "Sum"), ("lemma", "SumAppend"), ("method", "Find")]
    for found in program.decls[1:]:
        assert found.body is not None
        assert text[found.body.end - 1] == "}" and text[found.body.end] == "\n"
        assert found.body.column == 1
    find = program.decls[-1]
    assert find.body is not None and find.body.of(text).endswith("var s := {1, 2};\n}")
    assert [c.kind for c in find.clauses] == ["ensures", "ensures"]
    assert program.decls[2].attributes[0].args == "s"
    assert [(m.name, m.params) for m in program.decls[0].members] == [
        ("None", ()), ("Some", ("value",))]


def test_assorted_real_world_shapes_all_have_their_bodies() -> None:
    path = FIXTURES / "program" / "assorted.dfy"
    text = path.read_text(encoding="utf-8")
    program = parse_program(text, str(path))
    bodiless = sorted(name for name, d in program.walk() if d.is_callable and d.body is None)
    assert bodiless == ["Exponential.Exp", "Exponential.FunctionalEquation"]
    callables = [name for name, d in program.walk() if d.is_callable]
    assert len(callables) == 22
    m = dict(program.walk())["M"]
    assert [(c.kind, c.text) for c in m.clauses] == [
        ("requires", "a.Length0 > 0"), ("reads", "f.reads")]
    valid = dict(program.walk())["ExtensibleArray.Valid"]
    assert [c.text for c in valid.clauses] == [
        "Repr +{this}", "this, Repr", "Valid() ==> this in Repr"]


# -- default parameter values: any expression ----------------------------------------------

DEFAULTS = ["2.0 * x", "[]", "(1 + 2)", "f(3)", "f(3, g(4, 5))", "3.141592653589793",
            "map[1 := 2, 3 := 4]", "{1, 2}", "if a < b then a else b", "x => x + 1",
            "[1, 2][0]", "s[1..]", "-1", "\"a, b\"", "'c'", "new int[3]", "a > b"]


@pytest.mark.parametrize("value", DEFAULTS)
def test_a_default_value_is_any_expression(value: str) -> None:
    text = (f"method M(x: real, d: T := {value}, xs: seq<int> := [], n: nat := 0) "
            "returns (r: int)\n  requires x > 0.0\n{\n}\n")
    program = parse_program(text)
    method = decl(program, "M")
    assert method.params == ("x", "d", "xs", "n", "r")
    assert [c.text for c in method.clauses] == ["x > 0.0"]
    assert method.body is not None and method.body.of(text) == "{\n}"


def test_a_default_value_ends_at_the_comma_outside_brackets() -> None:
    text = "function F(a: int := g(1, 2), b: seq<int> := [3, 4], c: int := (5)): int { a }\n"
    assert decl(parse_program(text), "F").params == ("a", "b", "c")
    with pytest.raises(DafnySyntaxError, match=r":2:1: unexpected end of input"):
        parse_program("method M(a: int := f(1, b: int) { }\n")


def test_a_type_parameter_with_a_type_is_still_refused() -> None:
    with pytest.raises(DafnySyntaxError, match=r":1:13: unexpected ':'"):
        parse_program("method Any<n: nat>(v: seq<int>) returns (b: bool)\n{\n}\n")


_ATOMS = st.sampled_from(["0", "1.5", "x", "y.z", "true", "\"s\"", "[]", "{}", "'c'"])


def _compound(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pair = st.tuples(inner, inner)
    return st.one_of(
        st.builds("({})".format, inner), st.builds("[{}]".format, inner),
        st.builds(lambda p: f"f({p[0]}, {p[1]})", pair),
        st.builds(lambda p: f"{p[0]} * {p[1]}", pair),
        st.builds(lambda p: f"{p[0]} < {p[1]}", pair),
        st.builds(lambda p: f"if {p[0]} then {p[1]} else {p[0]}", pair),
        st.builds(lambda p: f"[{p[0]}, {p[1]}]", pair),
        st.builds(lambda p: f"{{{p[0]}, {p[1]}}}", pair))


@settings(max_examples=150, deadline=None)
@given(st.recursive(_ATOMS, _compound, max_leaves=8), st.integers(min_value=0, max_value=2))
def test_any_expression_as_a_default_keeps_the_signature(value: str, where: int) -> None:
    formals = ["a: int", "b: int", "c: int"]
    formals[where] += f" := {value}"
    text = f"method M({', '.join(formals)}) returns (r: int)\n  ensures r == a\n{{\n}}\n"
    method = decl(parse_program(text), "M")
    assert method.params == ("a", "b", "c", "r")
    assert [c.text for c in method.clauses] == ["r == a"]


# -- the lark parsers are built once per installation -----------------------------------------


def test_a_saved_parser_gives_the_same_trees(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from vericode.dafny.syntax.program import _parser, cached_lark
    from vericode.dafny.syntax.stream import DafnyStream

    monkeypatch.setenv("VERICODE_CACHE_DIR", str(tmp_path))
    grammar = Path(program_module_file()).parent / "program.lark"
    options = {"parser": "lalr", "lexer": DafnyStream, "propagate_positions": True,
               "strict": True, "maybe_placeholders": False}
    built = cached_lark(grammar, "program", **options)
    [saved_file] = (tmp_path / "lark").glob("program-*.lark")
    loaded = cached_lark(grammar, "program", **options)
    assert loaded is not built and not list((tmp_path / "lark").glob(".program-*"))
    root = Path(__file__).resolve().parents[2]
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "problems").glob("*.dfy"))]
    texts.append(SINK.read_text(encoding="utf-8"))
    for text in texts:
        assert loaded.parse(text) == built.parse(text) == _parser().parse(text)
    saved_file.write_bytes(b"not a parser")  # a broken file is rebuilt, never trusted
    assert cached_lark(grammar, "program", **options).parse(texts[0]) == built.parse(texts[0])


def test_the_saved_spec_parsers_give_the_same_trees(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from vericode.dafny.syntax.program import cached_lark
    from vericode.spec import parse

    monkeypatch.setenv("VERICODE_CACHE_DIR", str(tmp_path))
    options = {"parser": "lalr", "lexer": "contextual", "start": "start",
               "propagate_positions": True, "maybe_placeholders": False,
               "postlex": parse._WholeWords()}
    built = cached_lark(parse.GRAMMAR, "spec-start", **options)
    loaded = cached_lark(parse.GRAMMAR, "spec-start", **options)
    root = Path(__file__).resolve().parents[2]
    for spec in sorted((root / "specs").glob("*.spec")):
        text = spec.read_text(encoding="utf-8")
        assert loaded.parse(text) == built.parse(text) == parse.parser().parse(text), spec


def program_module_file() -> str:
    from vericode.dafny.syntax import program

    return program.__file__
