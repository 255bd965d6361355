// <vc-description>
// Compute the dot product of two integer sequences of equal length: the sum
// of a[i] * b[i] over all positions i.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: sequences, arithmetic, loops
// </vc-meta>
// <vc-preamble>
ghost function Dot(a: seq<int>, b: seq<int>): int
  requires |a| == |b|
{
  if |a| == 0 then 0
  else Dot(a[..|a| - 1], b[..|b| - 1]) + a[|a| - 1] * b[|b| - 1]
}
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method DotProduct(a: seq<int>, b: seq<int>) returns (r: int)
  requires |a| == |b|
  ensures r == Dot(a, b)
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
