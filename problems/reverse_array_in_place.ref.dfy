// <vc-description>
// Reverse the elements of an integer array in place, so that afterwards the
// element at position i is the element that was at position a.Length - 1 - i.
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
method ReverseInPlace(a: array<int>)
  modifies a
  ensures forall i :: 0 <= i < a.Length ==> a[i] == old(a[a.Length - 1 - i])
// </vc-spec>
// <vc-code>
{
  var i := 0;
  while i < a.Length / 2
    invariant 0 <= i <= a.Length / 2
    invariant forall k :: 0 <= k < i ==> a[k] == old(a[a.Length - 1 - k]) && a[a.Length - 1 - k] == old(a[k])
    invariant forall k :: i <= k < a.Length - i ==> a[k] == old(a[k])
  {
    var tmp := a[i];
    a[i] := a[a.Length - 1 - i];
    a[a.Length - 1 - i] := tmp;
    i := i + 1;
  }
}
// </vc-code>
