// <vc-description>
// Return the symmetric difference of two sets of integers: the elements that
// belong to exactly one of the two sets.
// </vc-description>
// <vc-meta>
// difficulty: easy
// tags: sets
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method SymmetricDifference(a: set<int>, b: set<int>) returns (c: set<int>)
  ensures forall x :: x in c <==> (x in a && x !in b) || (x in b && x !in a)
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
