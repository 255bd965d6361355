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
  t := {};
  var i := 0;
  while i < |s|
    invariant 0 <= i <= |s|
    invariant forall x :: x in t <==> x in s[..i]
  {
    assert s[..i + 1] == s[..i] + [s[i]];
    t := t + {s[i]};
    i := i + 1;
  }
  assert s[..|s|] == s;
}
// </vc-code>
