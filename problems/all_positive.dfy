// <vc-description>
// Decide whether every element of a sequence of integers is strictly
// positive. The empty sequence satisfies this vacuously.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: sequences, quantifiers, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method AllPositive(s: seq<int>) returns (b: bool)
  ensures b <==> forall i :: 0 <= i < |s| ==> s[i] > 0
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
