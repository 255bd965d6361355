// <vc-description>
// Return the midpoint of the interval [lo, hi], rounded down: a value m with
// lo <= m <= hi such that the distance from lo to m equals the distance from m
// to hi, or is one less when the interval has odd length.
// </vc-description>
// <vc-meta>
// difficulty: easy
// tags: arithmetic
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method Midpoint(lo: int, hi: int) returns (m: int)
  requires lo <= hi
  ensures lo <= m <= hi
  ensures m - lo == hi - m || m - lo == hi - m - 1
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
