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
lemma NoDivisorExtend(n: nat, d: int)
  requires 2 <= d < n
  requires forall k :: 2 <= k < d ==> !Divides(k, n)
  requires n % d != 0
  ensures forall k :: 2 <= k < d + 1 ==> !Divides(k, n)
{
}
// </vc-helpers>
// <vc-spec>
method IsPrime(n: nat) returns (b: bool)
  ensures b <==> n >= 2 && forall d :: 2 <= d < n ==> !Divides(d, n)
// </vc-spec>
// <vc-code>
{
  if n < 2 {
    return false;
  }
  var d := 2;
  while d < n
    invariant 2 <= d <= n
    invariant forall k :: 2 <= k < d ==> !Divides(k, n)
  {
    if n % d == 0 {
      assert Divides(d, n);
      return false;
    }
    NoDivisorExtend(n, d);
    d := d + 1;
  }
  return true;
}
// </vc-code>
