// <vc-description>
// Compute the sum of the decimal digits of a natural number n (for example
// 1234 gives 10).
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: math, loops, arithmetic
// </vc-meta>
// <vc-preamble>
ghost function DigitSum(n: nat): nat
{
  if n < 10 then n else DigitSum(n / 10) + n % 10
}
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method SumDigits(n: nat) returns (s: nat)
  ensures s == DigitSum(n)
// </vc-spec>
// <vc-code>
{
  s := 0;
  var m := n;
  while m >= 10
    invariant s + DigitSum(m) == DigitSum(n)
    decreases m
  {
    s := s + m % 10;
    m := m / 10;
  }
  s := s + m;
}
// </vc-code>
