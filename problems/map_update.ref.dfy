// <vc-description>
// Return a copy of map m in which key k is bound to value v. Every other key
// of m keeps its value, and no other key is added.
// </vc-description>
// <vc-meta>
// difficulty: easy
// tags: maps
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method MapUpdate(m: map<int, int>, k: int, v: int) returns (r: map<int, int>)
  ensures k in r && r[k] == v
  ensures forall j :: j in m && j != k ==> j in r && r[j] == m[j]
  ensures forall j :: j in r ==> j in m || j == k
// </vc-spec>
// <vc-code>
{
  r := m[k := v];
}
// </vc-code>
