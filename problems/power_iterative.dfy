// <vc-description>
// Compute b raised to the natural power e using a loop (0 to the power 0 is
// 1).
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: math, loops, recursion
// </vc-meta>
// <vc-preamble>
ghost function Pow(b: int, e: nat): int
{
  if e == 0 then 1 else b * Pow(b, e - 1)
}
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method Power(b: int, e: nat) returns (r: int)
  ensures r == Pow(b, e)
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
