// <vc-description>
// Convert a number of seconds t into hours, minutes and seconds, where minutes
// and seconds are both below 60 and h * 3600 + m * 60 + s == t.
// </vc-description>
// <vc-meta>
// difficulty: easy
// tags: arithmetic, math
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method ToHMS(t: nat) returns (h: nat, m: nat, s: nat)
  ensures h * 3600 + m * 60 + s == t
  ensures m < 60 && s < 60
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
