// <vc-description>
// Exchange the elements at positions i and j of array a; every other element
// stays unchanged. i and j may be equal.
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
method SwapElements(a: array<int>, i: int, j: int)
  requires 0 <= i < a.Length && 0 <= j < a.Length
  modifies a
  ensures a[i] == old(a[j]) && a[j] == old(a[i])
  ensures forall k :: 0 <= k < a.Length && k != i && k != j ==> a[k] == old(a[k])
// </vc-spec>
// <vc-code>
{
  var tmp := a[i];
  a[i] := a[j];
  a[j] := tmp;
}
// </vc-code>
