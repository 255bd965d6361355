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
  k := 0;
  var j := 0;
  while j < a.Length
    invariant 0 <= k <= j <= a.Length
    invariant forall i :: 0 <= i < k ==> a[i] < pivot
    invariant forall i :: k <= i < j ==> a[i] >= pivot
    invariant multiset(a[..]) == multiset(old(a[..]))
  {
    if a[j] < pivot {
      a[k], a[j] := a[j], a[k];
      k := k + 1;
    }
    j := j + 1;
  }
}
// </vc-code>
