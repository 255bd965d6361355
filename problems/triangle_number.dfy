// <vc-description>
// Compute the n-th triangle number 0 + 1 + ... + n in constant time with the
// closed formula n * (n + 1) / 2. The spec defines it recursively, so the
// solution must prove that the formula agrees with the recursive definition.
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: math, lemmas, recursion, arithmetic
// </vc-meta>
// <vc-preamble>
ghost function SumTo(n: nat): nat
{
  if n == 0 then 0 else SumTo(n - 1) + n
}
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method TriangleNumber(n: nat) returns (s: nat)
  ensures s == SumTo(n)
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
