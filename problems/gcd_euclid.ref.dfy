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
lemma GcdComm(a: int, b: int)
  requires a > 0 && b > 0
  ensures Gcd(a, b) == Gcd(b, a)
  decreases a + b
{
  if a > b {
    GcdComm(a - b, b);
  } else if a < b {
    GcdComm(a, b - a);
  }
}

lemma MulGe(d: int, b: int)
  requires d >= 1 && b > 0
  ensures d * b >= b
{
}

lemma DivModUnique(a: int, b: int, q: int, r: int)
  requires b > 0 && 0 <= r < b && a == q * b + r
  ensures a % b == r
{
  var q0, r0 := a / b, a % b;
  assert a == q0 * b + r0;
  assert (q - q0) * b == r0 - r;
  if q > q0 {
    MulGe(q - q0, b);
  } else if q < q0 {
    MulGe(q0 - q, b);
    assert (q0 - q) * b == r - r0;
  }
}

lemma ModSub(a: int, b: int)
  requires a >= b > 0
  ensures (a - b) % b == a % b
{
  var q, r := (a - b) / b, (a - b) % b;
  assert a - b == q * b + r;
  assert a == (q + 1) * b + r;
  DivModUnique(a, b, q + 1, r);
}

lemma GcdMod(a: int, b: int)
  requires a > 0 && b > 0
  ensures a % b == 0 ==> Gcd(a, b) == b
  ensures a % b != 0 ==> Gcd(a, b) == Gcd(a % b, b)
  decreases a
{
  if a > b {
    GcdMod(a - b, b);
    ModSub(a, b);
  } else if a == b {
    DivModUnique(a, b, 1, 0);
  } else {
    DivModUnique(a, b, 0, a);
  }
}
// </vc-helpers>
// <vc-spec>
method EuclidGcd(a: int, b: int) returns (g: int)
  requires a > 0 && b > 0
  ensures g == Gcd(a, b)
// </vc-spec>
// <vc-code>
{
  var x, y := a, b;
  while y != 0
    invariant x > 0 && y >= 0
    invariant y > 0 ==> Gcd(x, y) == Gcd(a, b)
    invariant y == 0 ==> x == Gcd(a, b)
    decreases y
  {
    GcdMod(x, y);
    if x % y != 0 {
      GcdComm(x % y, y);
    }
    x, y := y, x % y;
  }
  g := x;
}
// </vc-code>
