// <vc-description>
// Compute n! (the product 1 * 2 * ... * n, with 0! = 1) using a loop.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: math, loops, recursion
// </vc-meta>
// <vc-preamble>
ghost function Fact(n: nat): nat
{
  if n == 0 then 1 else n * Fact(n - 1)
}
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method Factorial(n: nat) returns (f: nat)
  ensures f == Fact(n)
// </vc-spec>
// <vc-code>
{
  f := 1;
  var i := 0;
  while i < n
    invariant 0 <= i <= n
    invariant f == Fact(i)
  {
    i := i + 1;
    f := i * f;
  }
}
// </vc-code>
