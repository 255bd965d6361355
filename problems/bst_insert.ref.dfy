// <vc-description>
// Insert x into a binary search tree. The result must again be a binary
// search tree (keys in the left subtree are smaller than the node's key, keys
// in the right subtree are larger) whose set of keys is the old set plus x.
// Inserting a key that is already present leaves the key set unchanged.
// </vc-description>
// <vc-meta>
// difficulty: hard
// tags: datatypes, recursion, sets
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
method Insert(t: Tree, x: int) returns (res: Tree)
  requires IsBST(t)
  ensures IsBST(res)
  ensures Keys(res) == Keys(t) + {x}
// </vc-spec>
// <vc-code>
{
  match t {
    case Leaf =>
      res := Node(Leaf, x, Leaf);
    case Node(l, k, r) =>
      if x < k {
        var nl := Insert(l, x);
        res := Node(nl, k, r);
      } else if x > k {
        var nr := Insert(r, x);
        res := Node(l, k, nr);
      } else {
        res := t;
      }
  }
}
// </vc-code>
