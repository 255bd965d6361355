// <vc-description>
// Return a newly allocated array holding the same elements, in the same order,
// as the given integer array.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: arrays, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method CopyArray(a: array<int>) returns (b: array<int>)
  ensures fresh(b)
  ensures b.Length == a.Length
  ensures forall i :: 0 <= i < a.Length ==> b[i] == a[i]
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
