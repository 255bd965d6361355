// <vc-description>
// Decide whether a sequence of integers is sorted in non-decreasing order,
// i.e. every element is less than or equal to every later element.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: sequences, quantifiers, sorting, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method IsSorted(s: seq<int>) returns (b: bool)
  ensures b <==> forall i, j :: 0 <= i < j < |s| ==> s[i] <= s[j]
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
