// <vc-description>
// Return the absolute value of an integer x: the result is x when x is
// non-negative and -x otherwise.
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
method Abs(x: int) returns (y: int)
  ensures y >= 0
  ensures y == x || y == -x
// </vc-spec>
// <vc-code>
{
  if x >= 0 {
    y := x;
  } else {
    y := -x;
  }
}
// </vc-code>
