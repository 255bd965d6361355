// <vc-description>
// Compute the prefix sums of a sequence a: the result p has one more element
// than a, p[0] is 0, and p[i + 1] is p[i] + a[i], so p[i] is the sum of the
// first i elements of a.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: sequences, loops, arithmetic
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method PrefixSums(a: seq<int>) returns (p: seq<int>)
  ensures |p| == |a| + 1
  ensures p[0] == 0
  ensures forall i :: 0 <= i < |a| ==> p[i + 1] == p[i] + a[i]
// </vc-spec>
// <vc-code>
{
  p := [0];
  var i := 0;
  while i < |a|
    invariant 0 <= i <= |a|
    invariant |p| == i + 1
    invariant p[0] == 0
    invariant forall k :: 0 <= k < i ==> p[k + 1] == p[k] + a[k]
  {
    p := p + [p[i] + a[i]];
    i := i + 1;
  }
}
// </vc-code>
