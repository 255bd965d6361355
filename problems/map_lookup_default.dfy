// <vc-description>
// Look up key k in map m: return the value stored for k if k is a key of m,
// and the default value dflt otherwise.
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
method LookupOrDefault(m: map<int, int>, k: int, dflt: int) returns (v: int)
  ensures k in m ==> v == m[k]
  ensures k !in m ==> v == dflt
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
