// <vc-description>
// Return a[i] if i is a valid index of array a, and the default value dflt
// otherwise.
// </vc-description>
// <vc-meta>
// difficulty: easy
// tags: arrays
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method GetOrDefault(a: array<int>, i: int, dflt: int) returns (x: int)
  ensures 0 <= i < a.Length ==> x == a[i]
  ensures !(0 <= i < a.Length) ==> x == dflt
// </vc-spec>
// <vc-code>
{
  if 0 <= i < a.Length {
    x := a[i];
  } else {
    x := dflt;
  }
}
// </vc-code>
