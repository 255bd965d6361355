// Two errors: `m in a` (line 7) fails after the loop (line 11); line 14 is not maintained.
function Larger(a: int, b: int): int { if a > b then a else b }

method Max(a: seq<int>) returns (m: int)
  requires |a| > 0
  ensures forall i :: 0 <= i < |a| ==> a[i] <= m
  ensures m in a
{
  m := 0;
  var k := 0;
  while k < |a|
    invariant 0 <= k <= |a|
    invariant forall i :: 0 <= i < k ==> a[i] <= m
    invariant m == 0 || m in a
  {
    m := Larger(m, a[k]) + 1;
    k := k + 1;
  }
}
