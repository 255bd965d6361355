// <vc-description>
// Return the sign of an integer: -1 if it is negative, 0 if it is zero and
// 1 if it is positive.
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
method Sign(x: int) returns (s: int)
  ensures x < 0 ==> s == -1
  ensures x == 0 ==> s == 0
  ensures x > 0 ==> s == 1
// </vc-spec>
// <vc-code>
{
  if x < 0 {
    s := -1;
  } else if x == 0 {
    s := 0;
  } else {
    s := 1;
  }
}
// </vc-code>
