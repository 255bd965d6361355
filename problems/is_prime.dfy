// <vc-description>
// Decide whether a natural number n is prime: n is at least 2 and has no
// divisor d with 2 <= d < n.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: math, quantifiers, loops
// </vc-meta>
// <vc-preamble>
ghost predicate Divides(d: int, n: int)
  requires d > 0
{
  n % d == 0
}
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method IsPrime(n: nat) returns (b: bool)
  ensures b <==> n >= 2 && forall d :: 2 <= d < n ==> !Divides(d, n)
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
