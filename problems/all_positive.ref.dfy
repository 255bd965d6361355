// <vc-description>
// Decide whether every element of a sequence of integers is strictly
// positive. The empty sequence satisfies this vacuously.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: sequences, quantifiers, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method AllPositive(s: seq<int>) returns (b: bool)
  ensures b <==> forall i :: 0 <= i < |s| ==> s[i] > 0
// </vc-spec>
// <vc-code>
{
  var i := 0;
  while i < |s|
    invariant 0 <= i <= |s|
    invariant forall k :: 0 <= k < i ==> s[k] > 0
  {
    if s[i] <= 0 {
      return false;
    }
    i := i + 1;
  }
  return true;
}
// </vc-code>
