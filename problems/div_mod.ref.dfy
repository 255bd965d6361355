// <vc-description>
// Compute the quotient q and remainder r of dividing a non-negative integer a
// by a positive integer d, so that a == q * d + r with 0 <= r < d.
// </vc-description>
// <vc-meta>
// difficulty: easy
// tags: arithmetic, math
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method DivMod(a: int, d: int) returns (q: int, r: int)
  requires a >= 0 && d > 0
  ensures a == q * d + r
  ensures 0 <= r < d
// </vc-spec>
// <vc-code>
{
  q := a / d;
  r := a % d;
}
// </vc-code>
