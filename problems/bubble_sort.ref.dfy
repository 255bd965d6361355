// <vc-description>
// Sort an integer array in place into non-decreasing order using bubble sort
// (repeatedly swapping adjacent out-of-order elements). The result must be a
// permutation of the original contents.
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: arrays, sorting, nested-loops, multisets, modifies
// </vc-meta>
// <vc-preamble>
ghost predicate Sorted(s: seq<int>)
{
  forall i, j :: 0 <= i < j < |s| ==> s[i] <= s[j]
}
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method BubbleSort(a: array<int>)
  modifies a
  ensures Sorted(a[..])
  ensures multiset(a[..]) == multiset(old(a[..]))
// </vc-spec>
// <vc-code>
{
  var i := a.Length;
  while i > 1
    invariant 0 <= i <= a.Length
    invariant forall p, q :: i <= p < q < a.Length ==> a[p] <= a[q]
    invariant forall p, q :: 0 <= p < i <= q < a.Length ==> a[p] <= a[q]
    invariant multiset(a[..]) == multiset(old(a[..]))
  {
    var j := 0;
    while j < i - 1
      invariant 0 <= j <= i - 1
      invariant forall k :: 0 <= k <= j ==> a[k] <= a[j]
      invariant forall p, q :: i <= p < q < a.Length ==> a[p] <= a[q]
      invariant forall p, q :: 0 <= p < i <= q < a.Length ==> a[p] <= a[q]
      invariant multiset(a[..]) == multiset(old(a[..]))
    {
      if a[j] > a[j + 1] {
        a[j], a[j + 1] := a[j + 1], a[j];
      }
      j := j + 1;
    }
    i := i - 1;
  }
}
// </vc-code>
