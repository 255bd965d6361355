"""The check program as text: arrays become sequences with their value before the
call, known ranges are written out case by case, one branch per question."""

from __future__ import annotations

from vericode.spec import parse_spec_file
from vericode.spec.program import build_program
from vericode.spec.skeleton import build

SPEC = """\
spec Prime
  input n: int
  output p: bool
  requires: n is at least 2
  ensures: p iff every integer k between 2 and n - 1 satisfies k does not divide n
  example: n = 5 -> p = true

spec Bump
  input a: array<int>
  modifies: a
  requires: a is not empty
  ensures: every index i of a satisfies a[i] == old(a[i]) + 1
  example: a = [1, 2] -> a = [2, 3]
"""


def _program() -> list[str]:
    specs = parse_spec_file(SPEC).specs
    return build_program([(k, s, build(s)) for k, s in enumerate(specs)]).lines


def test_a_known_integer_range_is_written_out_case_by_case() -> None:
    lines = _program()
    ensures = next(line for line in lines if "if * { var p: bool := true; assert p" in line)
    assert ensures.strip() == (
        "if * { var p: bool := true; assert p <==> (var k := 2; !(k != 0 && n % k == 0)) && "
        "(var k := 3; !(k != 0 && n % k == 0)) && (var k := 4; !(k != 0 && n % k == 0)); }")


def test_arrays_become_sequences_with_their_old_value() -> None:
    lines = [line.strip() for line in _program()]
    assert "var old_a: seq<int> := [1, 2];" in lines
    assert "assert old_a[0] == 1 && old_a[1] == 2;" in lines
    assert ("if * { assert |old_a| > 0; }") in lines
    assert ("if * { var a: seq<int> := [2, 3]; assert a[0] == 2 && a[1] == 3; "
            "assert (var i := 0; a[i] == old_a[i] + 1) && (var i := 1; a[i] == old_a[i] + 1); }"
            ) in lines


def test_wrong_outputs_are_screened_by_asserting_that_an_ensures_breaks() -> None:
    lines = [line.strip() for line in _program()]
    screens = [line for line in lines if "assert !(" in line]
    assert "if * { var p: bool := false; assert !(p <==> " in screens[0]
    # the unchanged array (the input echoed) is the one wrong output for Bump
    assert any(line.startswith("if * { var a: seq<int> := [1, 2]; assert !(") for line in screens)


def test_the_skeleton_is_in_the_program_for_the_well_formedness_check() -> None:
    lines = _program()
    assert "method Bump(a: array<int>)" in lines
    assert "  ensures forall i :: 0 <= i < a.Length ==> a[i] == old(a[i]) + 1" in lines
