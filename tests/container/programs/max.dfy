// Verified: a loop with invariants, in Dafny 4 syntax (`function` is compiled).
function Larger(a: int, b: int): int { if a > b then a else b }

method Max(a: seq<int>) returns (m: int)
  requires |a| > 0
  ensures forall i :: 0 <= i < |a| ==> a[i] <= m
  ensures m in a
{
  m := a[0];
  var k := 1;
  while k < |a|
    invariant 1 <= k <= |a|
    invariant forall i :: 0 <= i < k ==> a[i] <= m
    invariant m in a
  {
    m := Larger(m, a[k]);
    k := k + 1;
  }
}
