"""Clauses the grammar could not read, formalized by a model (``--formalize llm``).

For each gap the model is shown the spec (parameters, helpers, the clauses already
read) and the words, and answers with one Dafny expression. The answer is read by the
spec grammar's expression rule and must be Dafny, not English; it must name only what
the spec declares and be a condition, exactly as a clause the user wrote in Dafny.
An answer that fails any of this goes back to the model with the reason, up to
``attempts`` answers; then the clause is an error at its line (exit 2). An accepted
clause keeps the user's words and ``formalized_by``, so the skeleton marks it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from vericode.candidate.extract import extract_program
from vericode.dafny.syntax.lexer import LexError, TokenKind, tokenize
from vericode.errors import BadInput
from vericode.files import template as templates
from vericode.seams import Message, Model, Reply
from vericode.spec import nodes as n
from vericode.spec.errors import SpecError
from vericode.spec.gaps import Gap, owner
from vericode.spec.models import Clause, Spec, SpecFile
from vericode.spec.parse import read_expr
from vericode.spec.skeleton import HELPER_TEXT, build
from vericode.spec.types import dafny_name
from vericode.spec.validate import check_spec

ENGLISH_NODES = (n.TheResult, n.ElementRef, n.Quantified, n.ElementOf, n.Emptiness,
                 n.WordComparison, n.Between, n.Parity, n.Sign, n.Divisibility, n.Sortedness,
                 n.Permutation, n.Distinctness, n.LengthIs, n.Aggregate, n.LengthOf, n.CountOf,
                 n.CountWhere, n.Palindrome, n.Subsequence, n.ElementCount, n.Reverse)
"""Forms only the English phrases build; a Dafny answer has none of them."""
ENGLISH_WORDS = frozenset({"and", "or", "not", "is", "are", "implies", "iff", "occurs", "does",
                           "contains", "equals", "divides", "only"})
"""Words the grammar reads as operators in English but that are not Dafny's."""
_KEYWORD = re.compile(r"^(?:requires|ensures)\b\s*:?\s*")

def _render(name: str, /, **values: str) -> str:
    return templates.render("vericode.spec", name, **values)



class Unusable(Exception):
    """Why an answer cannot be the clause (said back to the model)."""


class ModelClause(BaseModel):
    """A clause the model formalized: the words, the answer taken, and what it cost."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    spec: str
    line: int
    column: int
    kind: str
    text: str
    """The words the user wrote."""
    answer: str
    """The Dafny expression the model answered (the skeleton renders it)."""
    model: str
    answers: int
    """Answers asked for (1 when the first was usable)."""
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float | None
    cached: bool
    """Every answer came from the reply cache."""


def formalize_gaps(spec_file: SpecFile, gaps: Sequence[Gap], model: Model, model_name: str,
                   attempts: int) -> tuple[SpecFile, tuple[ModelClause, ...]]:
    """The file with every gap filled by the model's clause, in line order (so a later
    clause sees the earlier ones), and the record of each."""
    specs = list(spec_file.specs)
    records: list[ModelClause] = []
    for gap in sorted(gaps, key=lambda g: g.line):
        index = owner(tuple(specs), gap)
        clause, record = _formalize(spec_file.path, specs[index], gap, model, model_name,
                                    attempts)
        specs[index] = with_clause(specs[index], clause)
        records.append(record)
    return spec_file.model_copy(update={"specs": tuple(specs)}), tuple(records)


def with_clause(spec: Spec, clause: Clause) -> Spec:
    clauses = sorted([*spec.clauses, clause], key=lambda c: c.line)
    return spec.model_copy(update={"clauses": tuple(clauses)})


def _formalize(path: str, spec: Spec, gap: Gap, model: Model, model_name: str,
               attempts: int) -> tuple[Clause, ModelClause]:
    opening = [Message(role="system", content=_render("formalize_system")),
               Message(role="user", content=clause_prompt(path, spec, gap))]
    messages, replies = opening, []
    answer, reason = "", ""
    for _ in range(attempts):
        reply = model.complete(messages)
        replies.append(reply)
        try:
            answer = answer_expression(reply.text)
            clause = accept(spec, gap, answer, model_name)
        except Unusable as exc:
            reason = str(exc)
            messages = [*opening, Message(role="assistant", content=reply.text),
                        Message(role="user", content=_render(
                            "formalize_repair", reason=reason, kind=gap.kind, text=gap.text))]
            continue
        return clause, _record(spec, gap, answer, model_name, replies)
    shown = f" `{answer}`" if answer else ""
    raise BadInput(f"{path}:{gap.line}:{gap.column}: the model ({model_name}) gave no usable "
                   f"Dafny for this {gap.kind} clause in {attempts} answer(s)\n"
                   f"  {gap.text}\nits last answer{shown}: {reason}\n"
                   f"(the grammar could not read it: {gap.reason})")


def clause_prompt(path: str, spec: Spec, gap: Gap) -> str:
    """The spec as far as it is read, and the words to formalize."""
    skeleton = build(spec)
    params = [f"- {p.name}: {dafny_name(p.type)} ({p.kind})" for p in spec.params]
    helpers = [text.split("\n{", 1)[0] for text in HELPER_TEXT.values()]
    helpers += [define.text for define in spec.defines]
    clauses = [f"{c.kind} {c.dafny}" + (f"  // {c.text}" if c.text != c.dafny else "")
               for c in skeleton.clauses]
    return _render("formalize_clause", name=spec.name,
                  description=f": {spec.description}" if spec.description else "",
                  params="\n".join(params), helpers="\n".join(helpers),
                  clauses="\n".join(clauses) or "(none yet)", kind=gap.kind, line=str(gap.line),
                  path=path, text=gap.text)


def answer_expression(reply: str) -> str:
    """The expression in a reply: its last Dafny block, comments dropped, on one line,
    without a leading ``ensures``/``requires`` or a trailing semicolon."""
    code = extract_program(reply).code
    try:
        tokens = tokenize(code)
    except LexError as exc:
        raise Unusable(f"it is not Dafny text ({exc})") from None
    flat = "".join(" " if t.is_trivia else t.text for t in tokens)
    expression = _KEYWORD.sub("", " ".join(flat.split())).rstrip(";").strip()
    if not expression:
        raise Unusable("the reply holds no expression")
    return expression


def accept(spec: Spec, gap: Gap, answer: str, model_name: str) -> Clause:
    """The clause an answer makes, if it is a Dafny condition over the spec's names."""
    try:
        expr = read_expr(answer)
    except SpecError as exc:
        raise Unusable(f"column {exc.column} of `{answer}`: {exc.message}") from None
    _dafny_only(spec, expr, answer)
    clause = Clause(line=gap.line, column=gap.column, kind=gap.kind, expr=expr, text=gap.text,
                    formalized_by=model_name)
    try:
        check_spec(with_clause(spec, clause))
    except SpecError as exc:
        hint = f" ({exc.hint})" if exc.hint else ""
        raise Unusable(f"column {exc.column} of `{answer}`: {exc.message}{hint}") from None
    return clause


def _dafny_only(spec: Spec, expr: n.Expr, answer: str) -> None:
    for node in n.walk(expr):
        if isinstance(node, ENGLISH_NODES) or (isinstance(node, n.IfThen)
                                               and node.otherwise is None):
            raise Unusable(f"column {node.column} of `{answer}` is English, not Dafny")
    names = {p.name for p in spec.params} | set(spec.defined_names)
    for token in tokenize(answer):
        if token.kind is TokenKind.IDENT and token.text in ENGLISH_WORDS - names:
            raise Unusable(f"`{token.text}` (column {token.column} of `{answer}`) is English, "
                           "not Dafny")


def _record(spec: Spec, gap: Gap, answer: str, model_name: str,
            replies: list[Reply]) -> ModelClause:
    costs = [r.cost_usd for r in replies]
    cost = None if any(c is None for c in costs) else sum(c for c in costs if c is not None)
    return ModelClause(spec=spec.name, line=gap.line, column=gap.column, kind=gap.kind,
                       text=gap.text, answer=answer, model=model_name, answers=len(replies),
                       prompt_tokens=sum(r.prompt_tokens for r in replies),
                       completion_tokens=sum(r.completion_tokens for r in replies),
                       cost_usd=cost, cached=all(r.cached for r in replies))
