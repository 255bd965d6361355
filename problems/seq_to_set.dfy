// <vc-description>
// Return the set of distinct values that occur in a sequence of integers.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: sequences, sets, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method ToSet(s: seq<int>) returns (t: set<int>)
  ensures forall x :: x in t <==> x in s
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
