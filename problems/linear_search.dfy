// <vc-description>
// Find the index of the first occurrence of x in sequence a. Return -1 if x
// does not occur in a.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: sequences, searching, loops
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method LinearSearch(a: seq<int>, x: int) returns (idx: int)
  ensures -1 <= idx < |a|
  ensures idx == -1 ==> forall i :: 0 <= i < |a| ==> a[i] != x
  ensures idx >= 0 ==> a[idx] == x && forall i :: 0 <= i < idx ==> a[i] != x
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
