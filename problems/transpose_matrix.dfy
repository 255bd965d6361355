// <vc-description>
// Return the transpose of a two-dimensional integer array m as a newly
// allocated array t, so that t[j, i] == m[i, j] for all valid i, j.
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: arrays, nested-loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method Transpose(m: array2<int>) returns (t: array2<int>)
  ensures fresh(t)
  ensures t.Length0 == m.Length1 && t.Length1 == m.Length0
  ensures forall i, j :: 0 <= i < m.Length0 && 0 <= j < m.Length1 ==> t[j, i] == m[i, j]
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
