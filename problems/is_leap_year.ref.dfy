// <vc-description>
// Decide whether year y is a leap year in the Gregorian calendar: it is
// divisible by 4 but not by 100, or it is divisible by 400.
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
method IsLeapYear(y: int) returns (b: bool)
  ensures b <==> (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
// </vc-spec>
// <vc-code>
{
  if y % 400 == 0 {
    b := true;
  } else if y % 100 == 0 {
    b := false;
  } else {
    b := y % 4 == 0;
  }
}
// </vc-code>
