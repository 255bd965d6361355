// <vc-description>
// Return the reverse of a sequence of integers: the element at position i of
// the result is the element at position |s| - 1 - i of s.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: sequences, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method Reverse(s: seq<int>) returns (r: seq<int>)
  ensures |r| == |s|
  ensures forall i :: 0 <= i < |s| ==> r[i] == s[|s| - 1 - i]
// </vc-spec>
// <vc-code>
{
  r := [];
  var i := |s|;
  while i > 0
    invariant 0 <= i <= |s|
    invariant |r| == |s| - i
    invariant forall k :: 0 <= k < |r| ==> r[k] == s[|s| - 1 - k]
  {
    i := i - 1;
    r := r + [s[i]];
  }
}
// </vc-code>
