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
}
// </vc-code>
