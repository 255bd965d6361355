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
}
// </vc-code>
