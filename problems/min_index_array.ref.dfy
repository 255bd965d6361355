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
  idx := 0;
  var i := 1;
  while i < a.Length
    invariant 1 <= i <= a.Length
    invariant 0 <= idx < i
    invariant forall k :: 0 <= k < i ==> a[idx] <= a[k]
    invariant forall k :: 0 <= k < idx ==> a[k] > a[idx]
  {
    if a[i] < a[idx] {
      idx := i;
    }
    i := i + 1;
  }
}
// </vc-code>
