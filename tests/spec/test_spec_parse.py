"""Reading .spec files: structure, positions, definitions, and errors that point."""

from __future__ import annotations

import pytest

from vericode.errors import BadInput, ExitCode
from vericode.spec import nodes as n
from vericode.spec import parse_spec_file
from vericode.spec.types import DType

TWO_SPECS = '''\
// a comment line
spec MaxElement
  "Return the largest element."
  input a: seq<int>
  output m: int
  requires: a is not empty
  ensures: every element of a is at most m   // trailing comment
  example: a = [3, 7, 2] -> m = 7

spec Clamp
  input x: int
  input lo: int
  input hi: int
  output y: int
  define:
    ghost function Mid(p: int, q: int): int
      requires p <= q
    {
      p + (q - p) / 2
    }
  ensures: y is between lo and hi
  example: x = 5, lo = 0, hi = 3 -> y = 3
'''


def test_a_file_holds_several_specs_with_their_parts() -> None:
    specs = parse_spec_file(TWO_SPECS, "two.spec").specs
    assert [s.name for s in specs] == ["MaxElement", "Clamp"]
    first, second = specs
    assert first.description == "Return the largest element."
    assert [(p.kind, p.name, str(p.type)) for p in first.params] == [
        ("input", "a", "seq<int>"), ("output", "m", "int")]
    assert [c.kind for c in first.clauses] == ["requires", "ensures"]
    assert first.clauses[1].text == "every element of a is at most m"
    assert [p.name for p in second.inputs] == ["x", "lo", "hi"]


def test_nodes_keep_line_and_column() -> None:
    spec = parse_spec_file(TWO_SPECS, "two.spec").specs[0]
    clause = spec.clauses[1]
    assert (clause.line, clause.column) == (7, 12)
    assert isinstance(clause.expr, n.Quantified)
    assert clause.expr.domain == n.Name(line=7, column=29, name="a")
    assert (spec.params[0].line, spec.params[0].column) == (4, 9)


def test_define_blocks_are_kept_verbatim_and_declare_names() -> None:
    spec = parse_spec_file(TWO_SPECS, "two.spec").specs[1]
    (define,) = spec.defines
    assert define.text.splitlines()[0] == "ghost function Mid(p: int, q: int): int"
    assert define.text.splitlines()[1] == "  requires p <= q"
    assert define.names == ["Mid"]
    assert spec.clauses[0].line == 21


def test_examples_bind_inputs_and_outputs() -> None:
    spec = parse_spec_file(TWO_SPECS, "two.spec").specs[1]
    (example,) = spec.examples
    assert [b.name for b in example.inputs] == ["x", "lo", "hi"]
    assert [b.text for b in example.inputs] == ["5", "0", "3"]
    assert [(b.name, b.text) for b in example.outputs] == [("y", "3")]


def test_all_types_parse() -> None:
    text = ("spec T\n  input a: int\n  input b: nat\n  input c: bool\n  input d: char\n"
            "  input e: string\n  input f: seq<seq<int>>\n  input g: set<char>\n"
            "  input h: multiset<int>\n  input i: map<int, string>\n  input j: array<nat>\n"
            "  output r: bool\n")
    params = parse_spec_file(text).specs[0].params
    assert [str(p.type) for p in params] == [
        "int", "nat", "bool", "char", "string", "seq<seq<int>>", "set<char>",
        "multiset<int>", "map<int, string>", "array<nat>", "bool"]
    assert params[5].type == DType(name="seq", args=(DType(name="seq", args=(DType(name="int"),)),))


def test_keywords_are_only_keywords_where_the_grammar_uses_them() -> None:
    text = ("spec T\n  input count: int\n  input sum: int\n  output a: int\n"
            "  ensures: a == count + sum\n")
    expr = parse_spec_file(text).specs[0].clauses[0].expr
    assert isinstance(expr, n.Chain)
    assert isinstance(expr.operands[1], n.Binary)


def _error(text: str) -> str:
    with pytest.raises(BadInput) as caught:
        parse_spec_file(text, "bad.spec")
    assert caught.value.exit_code is ExitCode.BAD_INPUT
    return caught.value.message


def test_an_unreadable_clause_names_line_column_context_and_nearest_phrases() -> None:
    message = _error("spec S\n  input a: seq<int>\n  output m: int\n  ensures: m is atleast 3\n")
    lines = message.splitlines()
    assert lines[0] == "bad.spec:4:17: cannot read this clause: unexpected `atleast`"
    assert lines[1].endswith("ensures: m is atleast 3")
    assert lines[2].index("^") == lines[1].index("atleast")
    assert '"is at least"' in lines[3]


def test_an_unfinished_clause_is_reported_at_the_end_of_its_line() -> None:
    message = _error("spec S\n  input a: seq<int>\n  output m: int\n  ensures: m is in a and\n")
    assert message.startswith("bad.spec:4:25: cannot read this clause: unexpected end of line")


def test_an_unknown_type_is_an_error_at_the_type() -> None:
    message = _error("spec S\n  input a: list<int>\n  output m: int\n")
    assert message.startswith("bad.spec:2:12: unknown type `list`")


def test_a_wrong_number_of_type_arguments_is_an_error() -> None:
    assert "`map` takes 2 type argument(s), not 1" in _error(
        "spec S\n  input a: map<int>\n  output m: int\n")


@pytest.mark.parametrize("junk", ["", "spec", "spec S\n  input\n", "((((", "spec S\n  ensures: (\n",
                                  "spec S\n  example: a = -> \n", "\x00\x01", "spec S S\n"])
def test_junk_is_a_clean_bad_input(junk: str) -> None:
    with pytest.raises(BadInput):
        parse_spec_file(junk, "junk.spec")


def test_a_description_may_span_several_quoted_lines() -> None:
    text = ('spec S\n  "First line, with \\"quotes\\"."\n  "Second line."\n'
            "  input x: int\n  output y: int\n")
    assert parse_spec_file(text).specs[0].description == 'First line, with "quotes".\nSecond line.'


def test_a_spec_without_output_needs_a_modified_array() -> None:
    with pytest.raises(BadInput, match="spec S has no output"):
        from vericode.spec.formalize import skeletons

        skeletons(parse_spec_file("spec S\n  input x: int\n  ensures: x > 0\n", "s.spec"))
