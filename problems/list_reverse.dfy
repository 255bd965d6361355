// <vc-description>
// Reverse an immutable linked list: the elements of the result are the
// elements of l in reverse order. Use a loop with an accumulator.
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: datatypes, loops, recursion
// </vc-meta>
// <vc-preamble>
datatype List = Nil | Cons(head: int, tail: List)

ghost function Elems(l: List): seq<int>
{
  match l
  case Nil => []
  case Cons(h, t) => [h] + Elems(t)
}

ghost function Rev(s: seq<int>): seq<int>
{
  if |s| == 0 then [] else Rev(s[1..]) + [s[0]]
}
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method Reverse(l: List) returns (r: List)
  ensures Elems(r) == Rev(Elems(l))
// </vc-spec>
// <vc-code>
{
}
// </vc-code>
