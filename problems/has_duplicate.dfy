// <vc-description>
// Decide whether some value occurs at least twice in a sequence of integers,
// i.e. whether there are two different positions holding equal values. A
// quadratic algorithm comparing all pairs is fine.
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: sequences, nested-loops, quantifiers
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method HasDuplicate(s: seq<int>) returns (b: bool)
  ensures b <==> exists i, j :: 0 <= i < j < |s| && s[i] == s[j]
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
