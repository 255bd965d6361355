// <vc-description>
// Compute the sum of all elements of a sequence of integers. The empty
// sequence has sum 0.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: sequences, loops
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
method SumSeq(s: seq<int>) returns (total: int)
  ensures total == Sum(s)
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
