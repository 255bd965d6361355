// <vc-description>
// Return the last element of a non-empty sequence of integers.
// </vc-description>
// <vc-meta>
// difficulty: easy
// tags: sequences
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method LastElement(s: seq<int>) returns (x: int)
  requires |s| > 0
  ensures x == s[|s| - 1]
// </vc-spec>
// <vc-code>
{
  x := s[|s| - 1];
}
// </vc-code>
