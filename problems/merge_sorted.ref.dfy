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
  r := [];
  var i, j := 0, 0;
  while i < |a| || j < |b|
    invariant 0 <= i <= |a| && 0 <= j <= |b|
    invariant Sorted(r)
    invariant multiset(r) == multiset(a[..i]) + multiset(b[..j])
    invariant forall k :: 0 <= k < |r| && i < |a| ==> r[k] <= a[i]
    invariant forall k :: 0 <= k < |r| && j < |b| ==> r[k] <= b[j]
    decreases |a| - i + |b| - j
  {
    if j == |b| || (i < |a| && a[i] <= b[j]) {
      assert a[..i + 1] == a[..i] + [a[i]];
      r := r + [a[i]];
      i := i + 1;
    } else {
      assert b[..j + 1] == b[..j] + [b[j]];
      r := r + [b[j]];
      j := j + 1;
    }
  }
  assert a[..|a|] == a;
  assert b[..|b|] == b;
}
// </vc-code>
