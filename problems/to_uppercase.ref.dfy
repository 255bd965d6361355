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
  t := "";
  var i := 0;
  while i < |s|
    invariant 0 <= i <= |s|
    invariant |t| == i
    invariant forall k :: 0 <= k < i && 'a' <= s[k] <= 'z' ==> t[k] == (s[k] as int - 32) as char
    invariant forall k :: 0 <= k < i && !('a' <= s[k] <= 'z') ==> t[k] == s[k]
  {
    if 'a' <= s[i] <= 'z' {
      t := t + [(s[i] as int - 32) as char];
    } else {
      t := t + [s[i]];
    }
    i := i + 1;
  }
}
// </vc-code>
