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
}
// </vc-code>
