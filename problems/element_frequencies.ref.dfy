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
  m := map[];
  var i := 0;
  while i < |s|
    invariant 0 <= i <= |s|
    invariant forall x :: x in m <==> x in s[..i]
    invariant forall x :: x in m ==> m[x] == multiset(s[..i])[x]
  {
    assert s[..i + 1] == s[..i] + [s[i]];
    if s[i] in m {
      m := m[s[i] := m[s[i]] + 1];
    } else {
      m := m[s[i] := 1];
    }
    i := i + 1;
  }
  assert s[..|s|] == s;
}
// </vc-code>
