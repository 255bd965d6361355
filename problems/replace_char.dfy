// <vc-description>
// Return a copy of string s in which every occurrence of character x is
// replaced by character y.
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
method ReplaceChar(s: string, x: char, y: char) returns (t: string)
  ensures |t| == |s|
  ensures forall i :: 0 <= i < |s| ==> t[i] == (if s[i] == x then y else s[i])
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
