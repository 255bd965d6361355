// <vc-description>
// Given two integers a and b, return them in swapped order: the first result
// is b and the second result is a.
// </vc-description>
// <vc-meta>
// difficulty: easy
// tags: arithmetic
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method Swap(a: int, b: int) returns (x: int, y: int)
  ensures x == b && y == a
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
