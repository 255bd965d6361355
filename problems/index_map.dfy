// <vc-description>
// Build a map from positions to elements of a sequence: its keys are exactly
// the valid indices 0..|s|-1 and each index i is mapped to s[i].
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: sequences, maps, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method IndexMap(s: seq<int>) returns (m: map<int, int>)
  ensures forall i :: i in m <==> 0 <= i < |s|
  ensures forall i :: 0 <= i < |s| ==> m[i] == s[i]
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
