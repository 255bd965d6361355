// <vc-description>
// Compute b raised to the natural power e using exponentiation by squaring,
// so that only O(log e) multiplications are performed. 0 to the power 0 is 1.
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: math, lemmas, loops, recursion
// </vc-meta>
// <vc-preamble>
ghost function Pow(b: int, e: nat): int
{
  if e == 0 then 1 else b * Pow(b, e - 1)
}
// </vc-preamble>
// <vc-helpers>
lemma MulAssoc(x: int, y: int, z: int)
  ensures x * (y * z) == (x * y) * z
{
}

lemma PowSquare(b: int, n: nat)
  ensures Pow(b * b, n) == Pow(b, 2 * n)
  decreases n
{
  if n > 0 {
    PowSquare(b, n - 1);
    var bb := b * b;
    var p := Pow(b, 2 * n - 2);
    assert Pow(bb, n - 1) == p;
    assert Pow(bb, n) == bb * p;
    assert Pow(b, 2 * n - 1) == b * p;
    assert Pow(b, 2 * n) == b * (b * p);
    MulAssoc(b, b, p);
  }
}
// </vc-helpers>
// <vc-spec>
method FastPow(b: int, e: nat) returns (r: int)
  ensures r == Pow(b, e)
// </vc-spec>
// <vc-code>
{
  r := 1;
  var x := b;
  var n := e;
  while n > 0
    invariant r * Pow(x, n) == Pow(b, e)
    decreases n
  {
    if n % 2 == 1 {
      MulAssoc(r, x, Pow(x, n - 1));
      r := r * x;
      n := n - 1;
    }
    PowSquare(x, n / 2);
    assert 2 * (n / 2) == n;
    x := x * x;
    n := n / 2;
  }
}
// </vc-code>
