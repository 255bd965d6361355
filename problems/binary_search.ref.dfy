// <vc-description>
// Search for x in a sequence sorted in non-decreasing order. Return an index
// at which x occurs, or -1 if x does not occur in the sequence. The search
// should take logarithmic time (binary search).
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
method BinarySearch(a: seq<int>, x: int) returns (idx: int)
  requires forall i, j :: 0 <= i < j < |a| ==> a[i] <= a[j]
  ensures -1 <= idx < |a|
  ensures idx >= 0 ==> a[idx] == x
  ensures idx == -1 ==> x !in a
// </vc-spec>
// <vc-code>
{
  var lo, hi := 0, |a|;
  while lo < hi
    invariant 0 <= lo <= hi <= |a|
    invariant forall i :: 0 <= i < lo ==> a[i] < x
    invariant forall i :: hi <= i < |a| ==> a[i] > x
  {
    var mid := lo + (hi - lo) / 2;
    if a[mid] < x {
      lo := mid + 1;
    } else if a[mid] > x {
      hi := mid;
    } else {
      return mid;
    }
  }
  return -1;
}
// </vc-code>
