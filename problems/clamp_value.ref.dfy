// <vc-description>
// Clamp x into the closed interval [lo, hi]: return lo if x is below lo,
// hi if x is above hi, and x itself otherwise.
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
method Clamp(x: int, lo: int, hi: int) returns (r: int)
  requires lo <= hi
  ensures lo <= r <= hi
  ensures x < lo ==> r == lo
  ensures x > hi ==> r == hi
  ensures lo <= x <= hi ==> r == x
// </vc-spec>
// <vc-code>
{
  if x < lo {
    r := lo;
  } else if x > hi {
    r := hi;
  } else {
    r := x;
  }
}
// </vc-code>
