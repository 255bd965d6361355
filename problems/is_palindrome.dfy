// <vc-description>
// Decide whether a string reads the same forwards and backwards.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: strings, quantifiers, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method IsPalindrome(s: string) returns (b: bool)
  ensures b <==> forall i :: 0 <= i < |s| ==> s[i] == s[|s| - 1 - i]
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
