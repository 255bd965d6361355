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
}
// </vc-code>
