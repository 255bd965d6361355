// <vc-description>
// Decide whether an integer is even (divisible by 2). Negative numbers are
// allowed.
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
method IsEven(x: int) returns (b: bool)
  ensures b <==> x % 2 == 0
// </vc-spec>
// <vc-code>
{
  b := x % 2 == 0;
}
// </vc-code>
