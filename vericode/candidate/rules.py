"""What a candidate may write: allow-lists of attributes and keywords, and the
statement rules (no body-less ``forall``, no ``decreases *``), over code tokens.

Everything here is an allow-list: an attribute or a Dafny keyword not listed as
harmless is refused by name, so a word vericode has never heard of (a Dafny 2.3
keyword the grammar does not know, an attribute Boogie reads) fails closed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from vericode.dafny.syntax.lexer import Token, TokenKind


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ALLOWED_ATTRIBUTES = frozenset({
    "trigger", "induction", "fuel", "opaque", "timeLimitMultiplier", "timeLimit",
    "rlimit", "resource_limit", "autoTriggers", "vcs_split_on_every_assert",
    "vcs_max_splits", "vcs_max_cost", "vcs_max_keep_going_splits", "split_here",
    "isolate_assertions", "nativeType", "tailrecursion", "compile", "print",
    "abstemious", "matchinglooprewrite", "disable_nonlinear_arithmetic",
})
"""Attributes that change how a proof is searched for, never what is proven. Off the
list on purpose: ``axiom``, ``extern``, ``imported``, ``verify`` (any argument:
``{:verify (false)}`` turns checking off too), ``inline`` (Boogie does not check a
procedure marked ``{:inline N}``), ``selective_checking``, ``focus``, ``autoReq``."""

_ATTRIBUTE_REASONS = {
    "axiom": ("axiom", "`{:axiom}` declares a fact without proof"),
    "extern": ("extern", "`{:extern}` declares code the verifier cannot see"),
    "imported": ("extern", "`{:imported}` declares code the verifier cannot see"),
    "verify": ("verify-false", "`{:verify ...}` may turn verification off"),
    "inline": ("inline", "`{:inline}` makes Boogie skip checking the procedure's body"),
}

DAFNY_KEYWORDS = _words("""
    abstract allocated array as assert assigned assume bool break by calc
    case char class codatatype colemma comethod const constructor continue copredicate
    datatype decreases downto else ensures exists expect export extends false for forall
    free fresh function ghost greatest hide if imap import in include inductive int
    invariant is iset iterator label least lemma map match method modifies modify module
    multiset nameonly nat new newtype null object old older opaque opened ORDINAL
    parallel predicate print protected provides reads real refines replaceable requires
    return returns reveal reveals seq set static string then this to trait true twostate
    type unchanged var where while witness yield yields
""")
"""The keywords of Dafny 2.3 and Dafny 4 together."""

ALLOWED_KEYWORDS = _words("""
    allocated array as assert assigned bool break by calc case char class
    codatatype const constructor continue datatype decreases downto else ensures exists
    extends false for forall fresh function ghost hide if imap in int invariant is iset
    label lemma map match method modifies modify multiset nameonly nat new newtype null
    object old older opaque ORDINAL predicate print protected reads real requires return
    returns reveal seq set static string then this to trait true type unchanged var
    while witness
""")
"""The keywords a candidate may use (``forall`` and ``decreases`` with the statement
rules below)."""

_KEYWORD_REASONS = {
    "assume": "`assume` takes a fact without proof",
    "expect": "`expect` checks at run time what must be proven",
    "include": "`include` brings in unchecked text",
    "import": "`import` of a module the skeleton does not import",
    "free": "a `free` clause is assumed and never checked",
    "parallel": "`parallel` is Dafny 2's forall statement, whose ensures may be assumed",
    "refines": "a refinement may inherit body-less declarations",
    "abstract": "an abstract module's declarations need no body",
    "module": "a module of the candidate's own may shadow or refine frozen text",
}
_OPERATOR_WORDS = frozenset({
    "in", "then", "else", "if", "calc", "multiset", "iset", "assert", "return", "case",
    "requires", "ensures", "invariant", "reads", "modifies", "decreases", "witness", "by",
})
_OPENERS, _CLOSERS = ("(", "["), (")", "]")


class Finding(NamedTuple):
    """One refused construct: where, the rule's name and why."""

    token: Token
    rule: str
    message: str


def scan(tokens: list[Token], *, star_decreases: bool = False) -> Iterator[Finding]:
    """Every refused construct in a candidate's tokens (``star_decreases``: the frozen
    contract itself declares ``decreases *``, so its body may use it). Whitespace and
    comments among ``tokens`` are skipped."""
    tokens = [t for t in tokens if not t.is_trivia]
    for i, tok in enumerate(tokens):
        if tok.kind is TokenKind.IDENT:
            yield from _word(tokens, i, star_decreases)
        elif tok.text == "{" and _next_is(tokens, i, ":"):
            yield from _attribute(tokens, i)


def _word(tokens: list[Token], i: int, star_decreases: bool) -> Iterator[Finding]:
    tok = tokens[i]
    if tok.text in DAFNY_KEYWORDS and tok.text not in ALLOWED_KEYWORDS:
        why = _KEYWORD_REASONS.get(tok.text, f"the keyword `{tok.text}` is not allowed "
                                              "in a candidate")
        yield Finding(tok, tok.text, why)
    elif tok.text == "decreases" and _next_is(tokens, i, "*") and not star_decreases:
        yield Finding(tok, "decreases-star", "`decreases *` allows non-termination")
    elif tok.text == "forall" and bodiless_forall_statement(tokens, i):
        yield Finding(tok, "forall-without-body",
                      "a `forall` statement without a body is an assumption")


def _attribute(tokens: list[Token], i: int) -> Iterator[Finding]:
    name = tokens[i + 2].text if i + 2 < len(tokens) else ""
    if name in _ATTRIBUTE_REASONS:
        rule, why = _ATTRIBUTE_REASONS[name]
        yield Finding(tokens[i], rule, why)
    elif name not in ALLOWED_ATTRIBUTES:
        yield Finding(tokens[i], "attribute",
                      f"the attribute {{:{name}}} is not allowed in a candidate")


def _next_is(tokens: list[Token], i: int, text: str) -> bool:
    return i + 1 < len(tokens) and tokens[i + 1].text == text


def bodiless_forall_statement(tokens: list[Token], i: int) -> bool:
    """Whether the ``forall`` at ``tokens[i]`` is a statement with no body.

    A ``forall`` expression reaches ``::`` at its own depth before any ``ensures``; a
    statement reaches ``ensures``, its body or its end first. A ``{`` where an operand
    is expected is a display (``1 in {}``), elsewhere the body; the ``;`` of a let
    (``ensures var j := i; P(j)``) does not end the statement.
    """
    depth, lets, ensures = 0, 0, False
    for j in range(i + 1, len(tokens)):
        text = tokens[j].text
        if text == "{" and depth == 0 and not _next_is(tokens, j, ":") and not (
                operand_expected(tokens, j)):
            return False
        if text in _OPENERS or text == "{":
            depth += 1
        elif text in _CLOSERS or text == "}":
            depth -= 1
            if depth < 0:
                return True
        elif depth == 0:
            if text == "::" and not ensures:
                return False
            ensures = ensures or text == "ensures"
            lets += text == "var"
            if text == ";":
                if not lets:
                    return True
                lets -= 1
    return True


def operand_expected(tokens: list[Token], j: int) -> bool:
    """Whether the tokens before ``tokens[j]`` leave an expression wanting an operand."""
    if j == 0:
        return True
    prev = tokens[j - 1]
    if prev.kind is TokenKind.IDENT:
        return prev.text in _OPERATOR_WORDS
    if prev.kind is not TokenKind.PUNCT:
        return False
    if prev.text == "|":
        return operand_expected(tokens, j - 1)  # ``|{x}|`` opens; ``|s| {`` closes
    return prev.text not in (")", "]", "}", ";")
