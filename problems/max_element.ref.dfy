// <vc-description>
// Return the largest element of a non-empty sequence of integers.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: sequences, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method MaxElement(a: seq<int>) returns (m: int)
  requires |a| > 0
  ensures m in a
  ensures forall i :: 0 <= i < |a| ==> a[i] <= m
// </vc-spec>
// <vc-code>
{
  m := a[0];
  var i := 1;
  while i < |a|
    invariant 1 <= i <= |a|
    invariant m in a
    invariant forall k :: 0 <= k < i ==> a[k] <= m
  {
    if a[i] > m {
      m := a[i];
    }
    i := i + 1;
  }
}
// </vc-code>
