// <vc-description>
// Rearrange an integer array in place around a pivot value: return k such
// that all elements before position k are smaller than the pivot and all
// elements from position k on are at least the pivot. The array must remain a
// permutation of its original contents.
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: arrays, modifies, multisets, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method Partition(a: array<int>, pivot: int) returns (k: int)
  modifies a
  ensures 0 <= k <= a.Length
  ensures forall i :: 0 <= i < k ==> a[i] < pivot
  ensures forall i :: k <= i < a.Length ==> a[i] >= pivot
  ensures multiset(a[..]) == multiset(old(a[..]))
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
