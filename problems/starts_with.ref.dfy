// <vc-description>
// Decide whether string s starts with string p, i.e. p is a prefix of s.
// </vc-description>
// <vc-meta>
// difficulty: easy
// tags: strings, sequences
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method StartsWith(s: string, p: string) returns (b: bool)
  ensures b <==> |p| <= |s| && s[..|p|] == p
// </vc-spec>
// <vc-code>
{
  b := |p| <= |s| && s[..|p|] == p;
}
// </vc-code>
