// <vc-description>
// Return the index of the smallest element of a non-empty integer array. If
// the minimum occurs several times, return the index of its first occurrence.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: arrays, loops, searching
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method MinIndex(a: array<int>) returns (idx: int)
  requires a.Length > 0
  ensures 0 <= idx < a.Length
  ensures forall i :: 0 <= i < a.Length ==> a[idx] <= a[i]
  ensures forall i :: 0 <= i < idx ==> a[i] > a[idx]
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
