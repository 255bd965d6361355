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
lemma SumToFormula(n: nat)
  ensures 2 * SumTo(n) == n * (n + 1)
{
  if n > 0 {
    SumToFormula(n - 1);
    assert n * (n + 1) == (n - 1) * n + 2 * n;
  }
}
// </vc-helpers>
// <vc-spec>
method TriangleNumber(n: nat) returns (s: nat)
  ensures s == SumTo(n)
// </vc-spec>
// <vc-code>
{
  SumToFormula(n);
  s := n * (n + 1) / 2;
}
// </vc-code>
