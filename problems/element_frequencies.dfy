// <vc-description>
// Count how often each value occurs in a sequence: return a map whose keys
// are exactly the values occurring in s, mapping each value to its number of
// occurrences.
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: maps, multisets, sequences, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method Frequencies(s: seq<int>) returns (m: map<int, int>)
  ensures forall x :: x in m <==> x in s
  ensures forall x :: x in m ==> m[x] == multiset(s)[x]
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
