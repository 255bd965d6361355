"""Setting unreadable clauses aside, and taking a model's answer as a clause, without
a model: properties over every shipped spec and over generated clause text."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from tests.spec.spec_support import spec_files
from vericode.errors import BadInput
from vericode.spec.by_model import Unusable, accept, answer_expression, with_clause
from vericode.spec.gaps import Gap, read_with_gaps
from vericode.spec.models import Spec, SpecFile
from vericode.spec.skeleton import build

FILES = spec_files()
CLAUSES = [(spec_file, spec, i) for spec_file in FILES for spec in spec_file.specs
           for i in range(len(spec.clauses))]


def without(spec: Spec, index: int) -> Spec:
    return spec.model_copy(update={"clauses": spec.clauses[:index] + spec.clauses[index + 1:]})


def test_every_rendered_clause_is_accepted_back_as_a_model_answer() -> None:
    """The Dafny vericode writes for each of the shipped clauses is Dafny enough to be
    an answer, and reads back to the same clause (lambdas and `old` included)."""
    assert len(CLAUSES) >= 60
    for _, spec, index in CLAUSES:
        rendered = build(spec).clauses[index]
        clause = spec.clauses[index]
        gap = Gap(line=clause.line, column=clause.column, kind=clause.kind, text=clause.text,
                  reason="")
        taken = accept(without(spec, index), gap, rendered.dafny, "m")
        again = build(with_clause(without(spec, index), taken)).clauses[index]
        assert again.dafny == rendered.dafny, spec.name
        assert again.formalized_by == "m"


@pytest.mark.parametrize("answer", [
    "every element of a is at most m", "m is in a", "a is not empty", "m in a and |a| > 0",
    "not (m in a)", "m in a if |a| > 0", "the sum of a == m", "m in a if and only if m >= 0",
])
def test_english_answers_are_refused(answer: str) -> None:
    max_spec = next(s for f in FILES for s in f.specs if s.name == "MaxElement")
    gap = Gap(line=99, column=1, kind="ensures", text="anything", reason="")
    with pytest.raises(Unusable, match="English, not Dafny"):
        accept(max_spec, gap, answer, "m")


@given(st.text(alphabet=string.ascii_letters + string.digits + " ()[]|<=>!&-+*%.,:'\"$#@?",
               max_size=40),
       st.sampled_from(CLAUSES))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(text="m is bigger than anything", chosen=next(c for c in CLAUSES
                                                        if c[1].name == "MaxElement"))
def test_any_clause_text_is_read_set_aside_or_reported_at_its_line(
        text: str, chosen: tuple[SpecFile, Spec, int]) -> None:
    """Replace one clause's words with anything: the file is read with that clause as
    its only gap and every other part unchanged, or read as written, or refused with
    an error at that line; never anything else."""
    spec_file, spec, index = chosen
    clause = spec.clauses[index]
    lines = spec_file.text.splitlines(keepends=True)
    source = lines[clause.line - 1]
    head = source[:source.index(":") + 1]
    lines[clause.line - 1] = f"{head} {text}\n"
    try:
        read, gaps = read_with_gaps("".join(lines), spec_file.path)
    except BadInput as exc:
        event("refused")
        assert f"{spec_file.path}:{clause.line}:" in exc.message
        return
    if not gaps:
        event("read as written")
        return  # the words were read (a new clause in place of the old)
    event("set aside")
    (gap,) = gaps
    assert (gap.line, gap.kind) == (clause.line, clause.kind)
    assert gap.text == text.split("//", 1)[0].strip()
    position = spec_file.specs.index(spec)
    assert read.specs[position] == without(spec, index)
    assert [s for i, s in enumerate(read.specs) if i != position] == \
        [s for i, s in enumerate(spec_file.specs) if i != position]


@given(st.text(alphabet=string.ascii_letters + string.digits + " ()[]|<=>!&-+*%.,:",
               min_size=1, max_size=60).filter(lambda s: s.strip()[:1] not in ("", ":")),
       st.sampled_from(["", "dafny", "dfy"]),
       st.text(alphabet=string.ascii_letters + " .,", max_size=30))
@settings(max_examples=200, deadline=None)
def test_the_answer_is_the_fenced_expression_on_one_line(
        expression: str, language: str, chatter: str) -> None:
    """Whatever the model says around it, the expression taken is the block's text with
    its whitespace collapsed and no keyword or semicolon."""
    body = expression.replace(" ", "\n", 1)
    reply = f"{chatter}\n```{language}\nensures {body};\n```\n{chatter}"
    taken = answer_expression(reply)
    expected = " ".join(expression.split()).rstrip(";").strip()
    assert taken == expected


def test_comments_in_an_answer_are_dropped() -> None:
    reply = "```dafny\n// the bound\nforall i :: 0 <= i < |a| ==> a[i] <= m // each\n```"
    assert answer_expression(reply) == "forall i :: 0 <= i < |a| ==> a[i] <= m"
    with pytest.raises(Unusable, match="no expression"):
        answer_expression("```dafny\n// nothing\n```")
