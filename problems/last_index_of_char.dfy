// <vc-description>
// Return the index of the last occurrence of character c in string s, or -1
// if c does not occur in s.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: strings, searching, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method LastIndexOf(s: string, c: char) returns (idx: int)
  ensures -1 <= idx < |s|
  ensures idx == -1 ==> forall i :: 0 <= i < |s| ==> s[i] != c
  ensures idx >= 0 ==> s[idx] == c && forall i :: idx < i < |s| ==> s[i] != c
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
