// <vc-description>
// Decide whether some value occurs at least twice in a sequence of integers,
// i.e. whether there are two different positions holding equal values. A
// quadratic algorithm comparing all pairs is fine.
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: sequences, nested-loops, quantifiers
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method HasDuplicate(s: seq<int>) returns (b: bool)
  ensures b <==> exists i, j :: 0 <= i < j < |s| && s[i] == s[j]
// </vc-spec>
// <vc-code>
{
  var i := 0;
  while i < |s|
    invariant 0 <= i <= |s|
    invariant forall p, q :: 0 <= p < i && p < q < |s| ==> s[p] != s[q]
  {
    var j := i + 1;
    while j < |s|
      invariant i + 1 <= j <= |s|
      invariant forall q :: i < q < j ==> s[i] != s[q]
    {
      if s[i] == s[j] {
        return true;
      }
      j := j + 1;
    }
    i := i + 1;
  }
  return false;
}
// </vc-code>
