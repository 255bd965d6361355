"""Dafny types as the spec language sees them: enough to check that a phrase fits.

The checker never needs Dafny's full type system, only the shapes the phrases talk
about (numbers, collections and what they hold). ``ANY`` stands for what vericode
cannot know (a helper from a ``define:`` block, a bound variable without a type), and
fits everywhere, so the checker never rejects a clause Dafny would accept.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

ARITY = {"int": 0, "nat": 0, "bool": 0, "char": 0, "string": 0, "real": 0,
         "seq": 1, "set": 1, "multiset": 1, "array": 1, "map": 2}
"""The type names a spec may use, with the number of type arguments each takes."""


class DType(BaseModel):
    """A type: a name and its arguments (``map<int, seq<char>>``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    args: tuple[DType, ...] = ()

    def __str__(self) -> str:
        if not self.args:
            return self.name
        return f"{self.name}<{', '.join(str(a) for a in self.args)}>"

    @property
    def is_any(self) -> bool:
        return self.name == "?"

    def is_(self, *names: str) -> bool:
        """Whether this is one of ``names`` (or unknown, which may be any of them)."""
        return self.is_any or self.name in names

    @property
    def element(self) -> DType:
        """What the collection holds (the keys of a map, the chars of a string)."""
        if self.name == "string":
            return CHAR
        return self.args[0] if self.args else ANY


ANY = DType(name="?")
INT = DType(name="int")
NAT = DType(name="nat")
BOOL = DType(name="bool")
CHAR = DType(name="char")
STRING = DType(name="string")

NUMBERS = ("int", "nat", "real")
SEQUENCES = ("seq", "array", "string")
"""Types with indices 0 .. length-1."""
COLLECTIONS = (*SEQUENCES, "set", "multiset", "map")
"""Types with a size and a membership test."""


def seq_of(element: DType) -> DType:
    return DType(name="seq", args=(element,))


def as_value(t: DType) -> DType:
    """The value type behind a reference: an array is checked as the sequence it holds."""
    if t.name == "array":
        return seq_of(t.element)
    return t


def fits(a: DType, b: DType) -> bool:
    """Whether values of the two types can be compared (int and nat mix; so do
    string and seq<char>)."""
    if a.is_any or b.is_any:
        return True
    a, b = _canonical(a), _canonical(b)
    if a.name != b.name or len(a.args) != len(b.args):
        return False
    return all(fits(x, y) for x, y in zip(a.args, b.args, strict=True))


def _canonical(t: DType) -> DType:
    if t.name == "nat":
        return INT
    if t.name == "string":
        return seq_of(CHAR)
    return t


def join(a: DType, b: DType) -> DType:
    """The type of a value that is either an ``a`` or a ``b``."""
    if a.is_any:
        return b
    if b.is_any or a == b:
        return a
    return INT if {a.name, b.name} <= {"int", "nat"} else a


def dafny_name(t: DType, arrays_as_seqs: bool = False) -> str:
    """The type in Dafny syntax; in check programs arrays become sequences."""
    t = as_value(t) if arrays_as_seqs else t
    if not t.args:
        return t.name
    return f"{t.name}<{', '.join(dafny_name(a, arrays_as_seqs) for a in t.args)}>"
