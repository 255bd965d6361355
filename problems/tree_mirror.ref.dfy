// <vc-description>
// Return the mirror image of a binary tree: every node keeps its key but its
// left and right subtrees are exchanged (recursively). Also prove that the
// in-order traversal of the mirror is the reverse of the in-order traversal of
// the original tree.
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: datatypes, recursion, lemmas, sequences
// </vc-meta>
// <vc-preamble>
datatype Tree = Leaf | Node(left: Tree, key: int, right: Tree)

ghost function InOrder(t: Tree): seq<int>
{
  match t
  case Leaf => []
  case Node(l, k, r) => InOrder(l) + [k] + InOrder(r)
}

ghost function Rev(s: seq<int>): seq<int>
{
  if |s| == 0 then [] else Rev(s[1..]) + [s[0]]
}

ghost predicate IsMirror(m: Tree, t: Tree)
{
  match t
  case Leaf => m == Leaf
  case Node(l, k, r) => m.Node? && m.key == k && IsMirror(m.left, r) && IsMirror(m.right, l)
}
// </vc-preamble>
// <vc-helpers>
lemma RevConcat(a: seq<int>, b: seq<int>)
  ensures Rev(a + b) == Rev(b) + Rev(a)
  decreases |a|
{
  if |a| == 0 {
    assert a + b == b;
  } else {
    assert (a + b)[1..] == a[1..] + b;
    RevConcat(a[1..], b);
  }
}
// </vc-helpers>
// <vc-spec>
method Mirror(t: Tree) returns (m: Tree)
  ensures IsMirror(m, t)
  ensures InOrder(m) == Rev(InOrder(t))
// </vc-spec>
// <vc-code>
{
  match t {
    case Leaf =>
      m := Leaf;
    case Node(l, k, r) =>
      var ml := Mirror(l);
      var mr := Mirror(r);
      m := Node(mr, k, ml);
      RevConcat(InOrder(l) + [k], InOrder(r));
      RevConcat(InOrder(l), [k]);
      assert [k][1..] == [];
      assert Rev([k]) == [k];
  }
}
// </vc-code>
