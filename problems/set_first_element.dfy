// <vc-description>
// Overwrite the first element of a non-empty array with value v, leaving all
// other elements unchanged.
// </vc-description>
// <vc-meta>
// difficulty: easy
// tags: arrays, modifies
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method SetFirst(a: array<int>, v: int)
  requires a.Length > 0
  modifies a
  ensures a[0] == v
  ensures forall i :: 1 <= i < a.Length ==> a[i] == old(a[i])
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
