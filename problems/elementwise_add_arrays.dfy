// <vc-description>
// Given two integer arrays of the same length, return a new array whose
// element i is a[i] + b[i].
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: arrays, loops, arithmetic
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method AddArrays(a: array<int>, b: array<int>) returns (c: array<int>)
  requires a.Length == b.Length
  ensures fresh(c)
  ensures c.Length == a.Length
  ensures forall i :: 0 <= i < a.Length ==> c[i] == a[i] + b[i]
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
