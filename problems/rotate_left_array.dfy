// <vc-description>
// Rotate a non-empty integer array left by one position, in place: every
// element moves one position towards the front and the first element moves to
// the last position.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: arrays, modifies, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method RotateLeft(a: array<int>)
  requires a.Length > 0
  modifies a
  ensures a[a.Length - 1] == old(a[0])
  ensures forall i :: 0 <= i < a.Length - 1 ==> a[i] == old(a[i + 1])
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
