// <vc-description>
// Compile an arithmetic expression tree into code for a stack machine. Push(v)
// pushes v; AddI and MulI pop the two topmost values and push their sum or
// product. Running the compiled code on any initial stack must leave that
// stack with the value of the expression pushed on top.
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: datatypes, recursion, lemmas, sequences
// </vc-meta>
// <vc-preamble>
datatype Expr = Const(value: int) | Add(left: Expr, right: Expr) | Mul(left: Expr, right: Expr)

datatype Instr = Push(v: int) | AddI | MulI

ghost function Eval(e: Expr): int
{
  match e
  case Const(v) => v
  case Add(l, r) => Eval(l) + Eval(r)
  case Mul(l, r) => Eval(l) * Eval(r)
}

ghost function Step(ins: Instr, st: seq<int>): seq<int>
{
  match ins
  case Push(v) => st + [v]
  case AddI => if |st| < 2 then st else st[..|st| - 2] + [st[|st| - 2] + st[|st| - 1]]
  case MulI => if |st| < 2 then st else st[..|st| - 2] + [st[|st| - 2] * st[|st| - 1]]
}

ghost function Exec(code: seq<Instr>, st: seq<int>): seq<int>
  decreases |code|
{
  if |code| == 0 then st else Exec(code[1..], Step(code[0], st))
}
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method Compile(e: Expr) returns (code: seq<Instr>)
  ensures forall st :: Exec(code, st) == st + [Eval(e)]
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
