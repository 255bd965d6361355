// <vc-description>
// Compute the sum of all elements of an integer array. The empty array has
// sum 0. The array must not be modified.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: arrays, loops
// </vc-meta>
// <vc-preamble>
ghost function Sum(s: seq<int>): int
{
  if |s| == 0 then 0 else Sum(s[..|s| - 1]) + s[|s| - 1]
}
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method SumArray(a: array<int>) returns (total: int)
  ensures total == Sum(a[..])
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
