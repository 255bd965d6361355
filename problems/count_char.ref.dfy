// <vc-description>
// Count how many times the character c occurs in the string s.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: strings, loops
// </vc-meta>
// <vc-preamble>
ghost function CountChar(s: string, c: char): nat
{
  if |s| == 0 then 0
  else CountChar(s[..|s| - 1], c) + (if s[|s| - 1] == c then 1 else 0)
}
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method CountCharacter(s: string, c: char) returns (n: nat)
  ensures n == CountChar(s, c)
// </vc-spec>
// <vc-code>
{
  n := 0;
  var i := 0;
  while i < |s|
    invariant 0 <= i <= |s|
    invariant n == CountChar(s[..i], c)
  {
    assert s[..i + 1][..i] == s[..i];
    if s[i] == c {
      n := n + 1;
    }
    i := i + 1;
  }
  assert s[..|s|] == s;
}
// </vc-code>
