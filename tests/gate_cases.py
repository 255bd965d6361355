"""The adversarial suite: cheating candidates and honest ones, as a model might write them.

Every cheat is a whole program that the plain Dafny verifier accepts (the tests assert
that first), so each one would count as "solved" by a pipeline without the gate. The
gate, after splicing, must refuse it, or the spliced program must fail to verify
(when the cheat was in frozen text that splicing replaced). ``rule`` names the gate
rule that must fire, or None when splicing alone defeats the cheat.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    problem: str
    name: str
    program: str
    rule: str | None


ABS_SIG = """method Abs(x: int) returns (y: int)
  ensures y >= 0
  ensures y == x || y == -x"""
ABS_POST = "y >= 0 && (y == x || y == -x)"

SUM_PRE = """ghost function Sum(s: seq<int>): int
{
  if |s| == 0 then 0 else Sum(s[..|s| - 1]) + s[|s| - 1]
}"""
SUM_SIG = """method SumArray(a: array<int>) returns (total: int)
  ensures total == Sum(a[..])"""

PRIME_PRE = """ghost predicate Divides(d: int, n: int)
  requires d > 0
{
  n % d == 0
}"""
PRIME_SIG = """method IsPrime(n: nat) returns (b: bool)
  ensures b <==> n >= 2 && forall d :: 2 <= d < n ==> !Divides(d, n)"""

SORT_PRE = """ghost predicate Sorted(s: seq<int>)
{
  forall i, j :: 0 <= i < j < |s| ==> s[i] <= s[j]
}"""
SORT_SIG = """method InsertionSort(a: array<int>)
  modifies a
  ensures Sorted(a[..])
  ensures multiset(a[..]) == multiset(old(a[..]))"""

COUNTED = "lemma Counted()\n  ensures 1 + 1 == 2\n{\n}"
"""A helper that gives plain Dafny one procedure to verify, so that a cheat whose only
other procedure is skipped still reads "1 verified" (not the "0 verified" failure)."""

PROBLEMS = {
    "abs_value": ("", ABS_SIG, "x: int", "y: int", ABS_POST),
    "sum_array": (SUM_PRE, SUM_SIG, "a: array<int>", "total: int", "total == Sum(a[..])"),
    "is_prime": (PRIME_PRE, PRIME_SIG, "n: nat", "b: bool",
                 "b <==> n >= 2 && forall d :: 2 <= d < n ==> !Divides(d, n)"),
    "insertion_sort": (SORT_PRE, SORT_SIG, "a: array<int>", "",
                       "Sorted(a[..]) && multiset(a[..]) == multiset(old(a[..]))"),
}


def program(problem: str, body: str, helpers: str = "", sig: str | None = None,
            pre: str | None = None) -> str:
    preamble, spec, *_ = PROBLEMS[problem]
    parts = [pre if pre is not None else preamble, helpers, sig or spec, body]
    return "\n".join(p for p in parts if p) + "\n"


def _generic(problem: str) -> list[Case]:
    """The same ten cheats against every problem."""
    _, spec, params, result, post = PROBLEMS[problem]
    returns = f" returns ({result})" if result else ""
    modifies = "\n  modifies a" if problem == "insertion_sort" else ""
    call_args = params.split(":")[0]
    out = f"{result.split(':')[0]} := " if result else ""
    oracle_sig = f"Oracle({params}){returns}{modifies}\n  ensures {post}"
    weak = spec.split("\n")[0] + ("\n  modifies a" if modifies else "")
    return [
        Case(problem, "assume-false", program(problem, "{\n  assume false;\n}"), "assume"),
        Case(problem, "assume-axiom", program(problem, "{\n  assume {:axiom} false;\n}"), "assume"),
        Case(problem, "bodiless-lemma",
             program(problem, "{\n  Boom();\n}", helpers="lemma Boom()\n  ensures false"),
             "bodiless"),
        Case(problem, "axiom-lemma",
             program(problem, "{\n  Boom();\n}", helpers="lemma {:axiom} Boom()\n  ensures false"),
             "axiom"),
        Case(problem, "verify-false-lemma",
             program(problem, "{\n  Boom();\n}",
                     helpers="lemma {:verify false} Boom()\n  ensures false\n{\n}"),
             "verify-false"),
        Case(problem, "assume-in-helper-lemma",
             program(problem, "{\n  Boom();\n}",
                     helpers="lemma Boom()\n  ensures false\n{\n  assume false;\n}"),
             "assume"),
        Case(problem, "extern-oracle",
             program(problem, f"{{\n  {out}Oracle({call_args});\n}}",
                     helpers=f"method {{:extern}} {oracle_sig}"),
             "extern"),
        Case(problem, "bodiless-oracle",
             program(problem, f"{{\n  {out}Oracle({call_args});\n}}",
                     helpers=f"method {oracle_sig}"),
             "bodiless"),
        Case(problem, "weakened-contract",
             program(problem, "{\n}", helpers=COUNTED, sig=weak), None),
        Case(problem, "requires-false",
             program(problem, "{\n}", sig=spec.replace("\n", "\n  requires false\n", 1)), None),
    ]


def _specific() -> list[Case]:
    return [
        Case("abs_value", "assume-the-postcondition",
             program("abs_value", f"{{\n  y := x;\n  assume {ABS_POST};\n}}"), "assume"),
        Case("abs_value", "assume-in-assert-by",
             program("abs_value", "{\n  y := x;\n  assert false by {\n    assume false;\n  }\n}"),
             "assume"),
        Case("abs_value", "axiom-module-lemma",
             program("abs_value", "{\n  Cheat.Boom();\n}",
                     helpers="module Cheat {\n  lemma {:axiom} Boom()\n    ensures false\n}"),
             "axiom"),
        Case("abs_value", "bodiless-module-lemma",
             program("abs_value", "{\n  Cheat.Boom();\n}",
                     helpers="module Cheat {\n  lemma Boom()\n    ensures false\n}"),
             "bodiless"),
        Case("abs_value", "verify-false-on-the-spec-method",
             program("abs_value", "{\n}", helpers=COUNTED,
                     sig=ABS_SIG.replace("method Abs", "method {:verify false} Abs")),
             None),
        Case("abs_value", "verify-false-helper-method",
             program("abs_value", "{\n  y := Oracle(x);\n}",
                     helpers=f"method {{:verify false}} Oracle(x: int) returns (y: int)\n"
                             f"  ensures {ABS_POST}\n{{\n  y := x;\n}}"),
             "verify-false"),
        Case("sum_array", "redefine-preamble-function",
             program("sum_array", "{\n  total := 0;\n}",
                     pre="ghost function Sum(s: seq<int>): int\n{\n  0\n}"),
             "redeclared"),
        Case("is_prime", "redefine-preamble-predicate",
             program("is_prime", "{\n  b := n >= 2;\n}",
                     pre="ghost predicate Divides(d: int, n: int)\n  requires d > 0\n"
                         "{\n  false\n}"),
             "redeclared"),
        Case("insertion_sort", "redefine-sorted-as-true",
             program("insertion_sort", "{\n}",
                     pre="ghost predicate Sorted(s: seq<int>)\n{\n  true\n}"),
             "redeclared"),
        Case("insertion_sort", "assume-in-calc-step",
             program("insertion_sort",
                     "{\n  calc {\n    true;\n    { assume false; }\n    false;\n  }\n}"),
             "assume"),
        Case("sum_array", "assume-inside-loop",
             program("sum_array",
                     "{\n  total := 0;\n  var i := 0;\n  while i < a.Length\n"
                     "    invariant 0 <= i <= a.Length\n  {\n    i := i + 1;\n"
                     "    assume total == Sum(a[..i]);\n  }\n  assume total == Sum(a[..]);\n}"),
             "assume"),
        Case("is_prime", "axiom-ghost-function",
             program("is_prime", "{\n  ghost var f := Falsum();\n  b := true;\n}",
                     helpers="ghost function {:axiom} Falsum(): bool\n  ensures false"),
             "axiom"),
    ]


CHEATS = [case for name in PROBLEMS for case in _generic(name)] + _specific()

ABS_BODY = "{\n  if x >= 0 {\n    y := x;\n  } else {\n    y := -x;\n  }\n}"

HONEST = [
    Case("abs_value", "words-in-comments-and-strings", program("abs_value", """{
  // We never assume anything here; no {:axiom}, no {:extern}, no include "x.dfy".
  /* assume false; expect y >= 0; decreases * */
  var note := "assume false; {:verify false} forall i ensures false;";
  var quote := 'a';
  if x >= 0 {
    y := x;
  } else {
    y := -x;
  }
}"""), None),
    Case("abs_value", "risky-identifiers", program("abs_value", """{
  var assumeNothing := x;
  var expected := -x;
  var axiomatic := assumeNothing >= 0;
  if axiomatic {
    y := assumeNothing;
  } else {
    y := expected;
  }
}"""), None),
    Case("abs_value", "helper-function-and-lemma",
         program("abs_value", "{\n  y := AbsOf(x);\n  AbsOk(x);\n}",
         helpers="function AbsOf(v: int): int\n{\n  if v >= 0 then v else -v\n}\n\n"
                 "lemma {:induction false} AbsOk(v: int)\n  ensures AbsOf(v) >= 0\n{\n}"), None),
    Case("is_prime", "trigger-attribute-and-forall-expression", program("is_prime", """{
  if n < 2 {
    return false;
  }
  var d := 2;
  while d < n
    invariant 2 <= d <= n
    invariant forall k {:trigger Divides(k, n)} :: 2 <= k < d ==> !Divides(k, n)
    decreases n - d
  {
    if n % d == 0 {
      assert Divides(d, n);
      return false;
    }
    d := d + 1;
  }
  return true;
}"""), None),
    Case("sum_array", "forall-statement-with-body", program("sum_array", """{
  total := 0;
  var i := 0;
  while i < a.Length
    invariant 0 <= i <= a.Length
    invariant total == Sum(a[..i])
  {
    assert a[..i + 1][..i] == a[..i];
    total := total + a[i];
    i := i + 1;
  }
  assert a[..a.Length] == a[..];
  PrefixesAgree(a[..]);
}""", helpers="""lemma PrefixesAgree(s: seq<int>)
  ensures forall k | 0 <= k <= |s| :: s[..k] == s[..k]
{
  forall k | 0 <= k <= |s|
    ensures s[..k] == s[..k]
  {
  }
}"""), None),
]
