// <vc-description>
// Compute the n-th Fibonacci number (Fib(0) = 0, Fib(1) = 1,
// Fib(n) = Fib(n - 1) + Fib(n - 2)) with a loop that runs in linear time,
// instead of the exponential recursive definition.
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: math, loops, recursion
// </vc-meta>
// <vc-preamble>
ghost function Fib(n: nat): nat
{
  if n < 2 then n else Fib(n - 1) + Fib(n - 2)
}
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method Fibonacci(n: nat) returns (f: nat)
  ensures f == Fib(n)
// </vc-spec>
// <vc-code>
{
  var a, b := 0, 1;
  var i := 0;
  while i < n
    invariant 0 <= i <= n
    invariant a == Fib(i) && b == Fib(i + 1)
  {
    a, b := b, a + b;
    i := i + 1;
  }
  f := a;
}
// </vc-code>
