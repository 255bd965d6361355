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
  c := 0;
  var i := 0;
  while i < |s|
    invariant 0 <= i <= |s|
    invariant c == multiset(s[..i])[x]
  {
    assert s[..i + 1] == s[..i] + [s[i]];
    if s[i] == x {
      c := c + 1;
    }
    i := i + 1;
  }
  assert s[..|s|] == s;
}
// </vc-code>
