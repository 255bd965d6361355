// <vc-description>
// Return the smallest of three integers a, b and c.
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
method MinOfThree(a: int, b: int, c: int) returns (m: int)
  ensures m <= a && m <= b && m <= c
  ensures m == a || m == b || m == c
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
