// <vc-description>
// Add one to every element of the integer array a, in place.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: arrays, modifies, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method IncrementAll(a: array<int>)
  modifies a
  ensures forall i :: 0 <= i < a.Length ==> a[i] == old(a[i]) + 1
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
