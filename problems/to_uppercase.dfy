// <vc-description>
// Convert a string to upper case: every lower-case ASCII letter 'a'..'z' is
// replaced by the corresponding upper-case letter (its code minus 32); all
// other characters are kept unchanged.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: strings, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method ToUpper(s: string) returns (t: string)
  ensures |t| == |s|
  ensures forall i :: 0 <= i < |s| && 'a' <= s[i] <= 'z' ==> t[i] == (s[i] as int - 32) as char
  ensures forall i :: 0 <= i < |s| && !('a' <= s[i] <= 'z') ==> t[i] == s[i]
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
