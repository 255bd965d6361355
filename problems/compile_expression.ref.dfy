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
lemma ExecAppend(c1: seq<Instr>, c2: seq<Instr>, st: seq<int>)
  ensures Exec(c1 + c2, st) == Exec(c2, Exec(c1, st))
  decreases |c1|
{
  if |c1| == 0 {
    assert c1 + c2 == c2;
  } else {
    assert (c1 + c2)[0] == c1[0];
    assert (c1 + c2)[1..] == c1[1..] + c2;
    ExecAppend(c1[1..], c2, Step(c1[0], st));
  }
}

lemma ExecBinary(cl: seq<Instr>, cr: seq<Instr>, op: Instr, st: seq<int>)
  ensures Exec(cl + cr + [op], st) == Step(op, Exec(cr, Exec(cl, st)))
{
  ExecAppend(cl + cr, [op], st);
  ExecAppend(cl, cr, st);
  assert [op][1..] == [];
}
// </vc-helpers>
// <vc-spec>
method Compile(e: Expr) returns (code: seq<Instr>)
  ensures forall st :: Exec(code, st) == st + [Eval(e)]
// </vc-spec>
// <vc-code>
{
  match e {
    case Const(v) =>
      code := [Push(v)];
      forall st
        ensures Exec(code, st) == st + [Eval(e)]
      {
        assert code[1..] == [];
      }
    case Add(l, r) =>
      var cl := Compile(l);
      var cr := Compile(r);
      code := cl + cr + [AddI];
      forall st
        ensures Exec(code, st) == st + [Eval(e)]
      {
        ExecBinary(cl, cr, AddI, st);
        var s2 := st + [Eval(l)] + [Eval(r)];
        assert s2[..|s2| - 2] == st;
      }
    case Mul(l, r) =>
      var cl := Compile(l);
      var cr := Compile(r);
      code := cl + cr + [MulI];
      forall st
        ensures Exec(code, st) == st + [Eval(e)]
      {
        ExecBinary(cl, cr, MulI, st);
        var s2 := st + [Eval(l)] + [Eval(r)];
        assert s2[..|s2| - 2] == st;
      }
  }
}
// </vc-code>
