// <vc-description>
// Concatenate two immutable linked lists: the elements of the result are the
// elements of a followed by the elements of b.
// </vc-description>
// <vc-meta>
// difficulty: medium
// tags: datatypes, recursion
// </vc-meta>
// <vc-preamble>
datatype List = Nil | Cons(head: int, tail: List)

ghost function Elems(l: List): seq<int>
{
  match l
  case Nil => []
  case Cons(h, t) => [h] + Elems(t)
}
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method Append(a: List, b: List) returns (c: List)
  ensures Elems(c) == Elems(a) + Elems(b)
// </vc-spec>
// <vc-code>
{
  match a {
    case Nil =>
      c := b;
    case Cons(h, t) =>
      var rest := Append(t, b);
      c := Cons(h, rest);
      assert Elems(c) == [h] + (Elems(t) + Elems(b));
  }
}
// </vc-code>
