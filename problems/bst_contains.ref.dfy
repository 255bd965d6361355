// <vc-description>
// Decide whether x is a key of a binary search tree. Walk down a single path
// of the tree with a loop, using the search-tree ordering to pick a side.
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: datatypes, searching, sets, loops
// </vc-meta>
// <vc-preamble>
datatype Tree = Leaf | Node(left: Tree, key: int, right: Tree)

ghost function Keys(t: Tree): set<int>
{
  match t
  case Leaf => {}
  case Node(l, k, r) => Keys(l) + {k} + Keys(r)
}

ghost predicate IsBST(t: Tree)
{
  match t
  case Leaf => true
  case Node(l, k, r) =>
    IsBST(l) && IsBST(r) &&
    (forall x :: x in Keys(l) ==> x < k) &&
    (forall x :: x in Keys(r) ==> x > k)
}
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method Contains(t: Tree, x: int) returns (b: bool)
  requires IsBST(t)
  ensures b <==> x in Keys(t)
// </vc-spec>
// <vc-code>
{
  var cur := t;
  while cur.Node?
    invariant IsBST(cur)
    invariant x in Keys(t) <==> x in Keys(cur)
    decreases cur
  {
    if x < cur.key {
      cur := cur.left;
    } else if x > cur.key {
      cur := cur.right;
    } else {
      return true;
    }
  }
  return false;
}
// </vc-code>
