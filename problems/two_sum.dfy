// <vc-description>
// Find two positions i < j of sequence a whose elements add up to target.
// If several pairs exist, return the lexicographically smallest pair (i, j)
// (smallest i, and for that i the smallest j). If no pair exists, return
// (-1, -1).
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: sequences, nested-loops, searching, quantifiers
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method TwoSum(a: seq<int>, target: int) returns (i: int, j: int)
  ensures (i == -1 && j == -1) || (0 <= i < j < |a| && a[i] + a[j] == target)
  ensures i == -1 ==> forall p, q :: 0 <= p < q < |a| ==> a[p] + a[q] != target
  ensures i >= 0 ==> forall p, q :: 0 <= p < q < |a| && (p < i || (p == i && q < j)) ==> a[p] + a[q] != target
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
