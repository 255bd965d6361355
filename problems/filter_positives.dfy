// <vc-description>
// Return the subsequence of s consisting of its strictly positive elements,
// in their original order.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: sequences, loops
// </vc-meta>
// <vc-preamble>
ghost function Positives(s: seq<int>): seq<int>
{
  if |s| == 0 then []
  else if s[|s| - 1] > 0 then Positives(s[..|s| - 1]) + [s[|s| - 1]]
  else Positives(s[..|s| - 1])
}
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method FilterPositives(s: seq<int>) returns (r: seq<int>)
  ensures r == Positives(s)
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
