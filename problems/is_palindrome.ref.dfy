// <vc-description>
// Decide whether a string reads the same forwards and backwards.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: strings, quantifiers, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method IsPalindrome(s: string) returns (b: bool)
  ensures b <==> forall i :: 0 <= i < |s| ==> s[i] == s[|s| - 1 - i]
// </vc-spec>
// <vc-code>
{
  var i := 0;
  while i < |s| / 2
    invariant 0 <= i <= |s| / 2
    invariant forall k :: 0 <= k < i ==> s[k] == s[|s| - 1 - k]
  {
    if s[i] != s[|s| - 1 - i] {
      return false;
    }
    i := i + 1;
  }
  assert forall k :: 0 <= k < |s| ==> s[k] == s[|s| - 1 - k] by {
    forall k | 0 <= k < |s|
      ensures s[k] == s[|s| - 1 - k]
    {
      var j := |s| - 1 - k;
      if j < i {
        assert s[j] == s[|s| - 1 - j];
      }
    }
  }
  return true;
}
// </vc-code>
