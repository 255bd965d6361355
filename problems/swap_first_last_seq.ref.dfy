// <vc-description>
// Return a copy of a non-empty sequence in which the first and the last
// elements have been exchanged; all other elements stay in place.
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
method SwapFirstLast(s: seq<int>) returns (t: seq<int>)
  requires |s| > 0
  ensures |t| == |s|
  ensures t[0] == s[|s| - 1] && t[|s| - 1] == s[0]
  ensures forall i :: 0 < i < |s| - 1 ==> t[i] == s[i]
// </vc-spec>
// <vc-code>
{
  t := s[0 := s[|s| - 1]][|s| - 1 := s[0]];
}
// </vc-code>
