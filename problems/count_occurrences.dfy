// <vc-description>
// Count how many times the value x occurs in the sequence s. The result must
// equal the multiplicity of x in the multiset of elements of s.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: sequences, multisets, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method CountOccurrences(s: seq<int>, x: int) returns (c: nat)
  ensures c == multiset(s)[x]
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
