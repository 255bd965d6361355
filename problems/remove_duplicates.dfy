// <vc-description>
// Remove duplicate values from a sequence, keeping the first occurrence of
// each value and the original relative order (for example [3, 1, 3, 2, 1]
// becomes [3, 1, 2]).
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: sequences, loops, quantifiers
// </vc-meta>
// <vc-preamble>
ghost function Dedup(s: seq<int>): seq<int>
{
  if |s| == 0 then []
  else if s[|s| - 1] in s[..|s| - 1] then Dedup(s[..|s| - 1])
  else Dedup(s[..|s| - 1]) + [s[|s| - 1]]
}
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method RemoveDuplicates(s: seq<int>) returns (r: seq<int>)
  ensures r == Dedup(s)
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
