"""Notes on where a quantifier's condition ends, a reading users get wrong.

In ``every element x of a satisfies x is odd and a is not sorted`` the condition runs
to the end of the clause, so ``a is not sorted`` is part of it: the rendering says
``forall x :: x in a ==> (x % 2 == 1 && !sorted)``. That is the grammar's rule (a
quantifier reaches as far right as it can, as in Dafny), but a part that does not
mention the quantifier's variable was most likely meant to stand apart. Such a part
gets a note (not an error: the clause may mean just that), saying how to write the
other reading: parentheses around the quantifier.
"""

from __future__ import annotations

from vericode.spec import nodes as n
from vericode.spec.models import Spec
from vericode.spec.report import Check, CheckStatus


def scope_notes(spec: Spec) -> list[Check]:
    """A note for each quantifier whose condition takes in a part without its variable."""
    notes: list[Check] = []
    for clause in spec.clauses:
        for node in n.walk(clause.expr):
            if not isinstance(node, n.Quantified) or node.var is None:
                continue
            loose = [part for part in _parts(node.body) if not _mentions(part, node.var)]
            if loose and len(loose) < len(_parts(node.body)):
                notes.append(Check(
                    kind="scope", status=CheckStatus.SKIPPED, line=clause.line, clause=clause.text,
                    clause_line=clause.line,
                    message=f"in `{clause.kind}: {clause.text}`, the condition on {node.var} "
                            f"runs to the end of the clause and takes in the part at column "
                            f"{loose[0].column}, which does not mention {node.var}; if that "
                            "part is meant to stand apart, put the quantifier in parentheses"))
    return notes


def _parts(body: n.Expr) -> list[n.Expr]:
    """The operands of the logical operators (``and``, ``or``, ``implies``, ``iff``) at
    the top of a condition."""
    if isinstance(body, n.Binary) and body.op in ("&&", "||", "==>", "<==>"):
        return [*_parts(body.left), *_parts(body.right)]
    return [body]


def _mentions(part: n.Expr, name: str) -> bool:
    return any(isinstance(e, n.Name) and e.name == name for e in n.walk(part))
