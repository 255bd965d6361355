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
  t := "";
  var i := 0;
  while i < |s|
    invariant 0 <= i <= |s|
    invariant |t| == i
    invariant forall k :: 0 <= k < i ==> t[k] == (if s[k] == x then y else s[k])
  {
    if s[i] == x {
      t := t + [y];
    } else {
      t := t + [s[i]];
    }
    i := i + 1;
  }
}
// </vc-code>
