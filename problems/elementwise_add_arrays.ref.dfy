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
  c := new int[a.Length];
  var i := 0;
  while i < a.Length
    invariant 0 <= i <= a.Length
    invariant forall k :: 0 <= k < i ==> c[k] == a[k] + b[k]
  {
    c[i] := a[i] + b[i];
    i := i + 1;
  }
}
// </vc-code>
