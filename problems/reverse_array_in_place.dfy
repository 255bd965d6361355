// <vc-description>
// Reverse the elements of an integer array in place, so that afterwards the
// element at position i is the element that was at position a.Length - 1 - i.
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
method ReverseInPlace(a: array<int>)
  modifies a
  ensures forall i :: 0 <= i < a.Length ==> a[i] == old(a[a.Length - 1 - i])
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
