// <vc-description>
// Compute the integer square root of a natural number n: the largest natural
// number r with r * r <= n.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: math, loops, arithmetic
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method ISqrt(n: nat) returns (r: nat)
  ensures r * r <= n < (r + 1) * (r + 1)
// </vc-spec>
// <vc-code>
{
  r := 0;
  while (r + 1) * (r + 1) <= n
    invariant r * r <= n
    decreases n - r * r
  {
    r := r + 1;
  }
}
// </vc-code>
