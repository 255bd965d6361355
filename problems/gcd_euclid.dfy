// <vc-description>
// Compute the greatest common divisor of two positive integers with Euclid's
// remainder algorithm (repeatedly replacing (x, y) by (y, x % y)). The spec
// defines the gcd by the subtraction-based recursive definition Gcd, so the
// solution has to relate remainders to repeated subtraction.
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: math, lemmas, recursion, loops
// </vc-meta>
// <vc-preamble>
ghost function Gcd(a: int, b: int): int
  requires a > 0 && b > 0
  decreases a + b
{
  if a == b then a
  else if a > b then Gcd(a - b, b)
  else Gcd(a, b - a)
}
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method EuclidGcd(a: int, b: int) returns (g: int)
  requires a > 0 && b > 0
  ensures g == Gcd(a, b)
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
