// <vc-description>
// Merge two sequences that are sorted in non-decreasing order into one sorted
// sequence containing exactly the elements of both (with multiplicities).
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: sequences, sorting, multisets, loops
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
method Merge(a: seq<int>, b: seq<int>) returns (r: seq<int>)
  requires Sorted(a) && Sorted(b)
  ensures Sorted(r)
  ensures multiset(r) == multiset(a) + multiset(b)
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
