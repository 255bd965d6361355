"""The token stream that feeds program.lark: vericode's Dafny lexer, shaped for lark.

Dafny's keywords are contextual for a declaration-level parser, and ``{`` means four
different things (a body, a set display or match block inside an expression, an
attribute, the members of a container). Neither is decidable from the text alone, so
this lexer asks the LALR parser what it accepts at each point (lark hands a custom
lexer its parser state) and uses the previous token only where both readings remain.
Comments, strings and chars are whatever ``vericode.dafny.lexer`` says they are.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from lark import Token as LarkToken
from lark.common import LexerConf
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer
from lark.parsers.lalr_analysis import Shift

from vericode.dafny.syntax.lexer import LexError, Token, TokenKind, code_tokens, tokenize
from vericode.errors import BadInput

_KEYWORD_WORDS = """
    ghost static opaque abstract twostate least greatest inductive protected replaceable
    method lemma constructor function predicate iterator returns yields by yield
    requires ensures modifies reads decreases invariant datatype codatatype type newtype
    witness const var class trait extends module refines import opened include export
    provides reveals new nameonly older
"""
KEYWORDS = {word: word.upper() for word in _KEYWORD_WORDS.split()}
"""Words the grammar treats as keywords, where it accepts them (see ``_word``)."""
PUNCT = {
    "(": "LPAR", ")": "RPAR", "[": "LSQB", "]": "RSQB", "<": "LT", ">": "GT", ",": "COMMA",
    ":": "COLON", ":=": "ASSIGN", "=": "EQUAL", "|": "BAR", ";": "SEMI", ".": "DOT",
    "*": "STAR", "}": "RBRACE",
}
_ARROWS = (("-", ">"), ("-", "-", ">"), ("~", ">"))
_OPERAND_END = frozenset({")", "]", "}", "|", ";"})
"""Punctuation after which a ``{`` starts no operand: closers (``|`` closes ``|s|``;
nothing sane puts an operator ``|`` right before a brace), and ``;``, which ends an
old-style clause (``ensures P;``) far more often than a let binding before a display."""
_OPERATOR_WORDS = frozenset({
    "in", "then", "else", "if", "calc", "multiset", "iset", "assert", "return", "case",
    "requires", "ensures", "invariant", "reads", "modifies", "decreases", "witness",
})
_CLAUSE_WORDS = frozenset({"requires", "ensures", "invariant", "reads", "modifies",
                           "decreases", "witness"})
_STAR_OPERANDS = frozenset({"decreases", "reads", "modifies"})
_BRACES = ("LBRACE", "BLOCK", "BRACE_EXPR")
_KEYWORD_TERMINALS = frozenset(KEYWORDS.values())


class DafnySyntaxError(BadInput):
    """A program that is not Dafny at the declaration level; names where and what."""

    def __init__(self, message: str, *, line: int, column: int, token: str,
                 file: str = "<program>") -> None:
        super().__init__(f"{file}:{line}:{column}: {message}")
        self.line = line
        self.column = column
        self.token = token
        self.file = file
        self.detail = message


def dafny_code_tokens(text: str, file: str = "<program>") -> list[Token]:
    """The code tokens of ``text``; a lexical error becomes a ``DafnySyntaxError``."""
    try:
        return code_tokens(tokenize(text))
    except LexError as exc:
        raise DafnySyntaxError(exc.message, line=exc.line, column=exc.column, token="",
                               file=file) from exc


class DafnyStream(Lexer):
    """A lark lexer over vericode's Dafny tokens, deciding ambiguous ones with the parser."""

    __future_interface__ = 1

    def __init__(self, lexer_conf: LexerConf) -> None:
        pass

    def lex(self, lexer_state: Any, parser_state: Any) -> Iterator[LarkToken]:
        source = lexer_state.text
        text: str = getattr(source, "text", source)
        code = dafny_code_tokens(text)
        i = 0
        while i < len(code):
            tok, i = _next_token(code, i, parser_state)
            yield tok


def _next_token(code: list[Token], i: int, state: Any) -> tuple[LarkToken, int]:
    """The lark token starting at ``code[i]`` and the index after it."""
    tok = code[i]
    if tok.text == "{":
        return _brace(code, i, state)
    if tok.kind is TokenKind.IDENT:
        return _word(code, i, state)
    for arrow in _ARROWS:
        if _adjacent(code, i, arrow):
            return _lark("ARROW", code, i, i + len(arrow) - 1), i + len(arrow)
    kind = {TokenKind.NUMBER: "NUMBER", TokenKind.STRING: "STRING",
            TokenKind.CHAR: "CHAR"}.get(tok.kind)
    return _lark(kind or PUNCT.get(tok.text, "OP"), code, i, i), i + 1


def _word(code: list[Token], i: int, state: Any) -> tuple[LarkToken, int]:
    """An identifier: a keyword where the parser accepts that keyword, else a name."""
    text = code[i].text
    if text == "ghost" and i + 1 < len(code) and code[i + 1].text == "witness":
        return _lark("WITNESS", code, i, i + 1), i + 2
    if text == "var":
        return _lark(_var_kind(code, i, state), code, i, i), i + 1
    keyword = KEYWORDS.get(text)
    if i and code[i - 1].text == ".":
        keyword = None  # a member (``f.reads``, ``this.new``), never a keyword
    if keyword is None or not (_accepts(state, keyword) or not _accepts(state, "NAME")):
        return _lark("NAME", code, i, i), i + 1
    return _lark(keyword, code, i, i), i + 1


def _var_kind(code: list[Token], i: int, state: Any) -> str:
    """``var`` declares a field, or starts a let expression inside a clause."""
    field, let = _accepts(state, "VAR"), _accepts(state, "LET_VAR")
    if field and let:
        return "LET_VAR" if _binds_value(code, i) else "VAR"
    return "LET_VAR" if let else "VAR"


def _binds_value(code: list[Token], i: int) -> bool:
    """A let ``var`` binds with ``:=`` or ``:|``; a field (``var x: T``) never does."""
    for tok in code[i + 1 :]:
        if tok.text in (":=", ":|"):
            return True
        if tok.text in (";", "{", "}") or tok.text in KEYWORDS:
            return False
    return False


def _brace(code: list[Token], i: int, state: Any) -> tuple[LarkToken, int]:
    """A ``{``: an attribute, a container's opening brace, or a whole balanced group."""
    end = _matching_brace(code, i)
    if i + 1 < len(code) and code[i + 1].text == ":":
        return _lark("ATTRIBUTE", code, i, end), end + 1
    accepted = [kind for kind in _BRACES if _accepts(state, kind)]
    kind = accepted[0] if accepted else "BLOCK"
    if len(accepted) > 1 and "BRACE_EXPR" in accepted:
        others = [k for k in accepted if k != "BRACE_EXPR"]
        kind = "BRACE_EXPR" if _brace_is_expression(code, i, end) else others[0]
    if kind == "LBRACE":
        return _lark("LBRACE", code, i, i), i + 1
    return _lark(kind, code, i, end), end + 1


def _brace_is_expression(code: list[Token], i: int, end: int) -> bool:
    """Where both readings parse: a match block or a display, rather than a body.

    A body has a ``;`` at its top level (so a truncated clause followed by a body still
    reads as clause + body); a display follows an operator (``x in {1, 2}``).
    """
    if i + 1 < end and code[i + 1].text == "case":
        return True
    depth = 0
    for tok in code[i + 1 : end]:
        depth += tok.text in "{([" and tok.kind is TokenKind.PUNCT
        depth -= tok.text in "})]" and tok.kind is TokenKind.PUNCT
        if depth == 0 and tok.text == ";":
            return False
    return _expects_operand(code, i)


def _expects_operand(code: list[Token], i: int) -> bool:
    """Whether the token before ``code[i]`` leaves an expression wanting an operand."""
    if i == 0:
        return True
    prev = code[i - 1]
    if prev.kind is TokenKind.PUNCT:
        if prev.text == "*" and i >= 2 and code[i - 2].text in _STAR_OPERANDS:
            return False
        if prev.text == "|":
            return _expects_operand(code, i - 1)  # ``|{x, -x}|`` opens; ``|s| {`` closes
        if prev.text == ";":
            return _closes_let(code, i - 1)  # ``var s := 1; {s}``: the let's body
        return prev.text not in _OPERAND_END
    return prev.kind is TokenKind.IDENT and prev.text in _OPERATOR_WORDS


def _closes_let(code: list[Token], i: int) -> bool:
    """Whether the ``;`` at ``code[i]`` ends the binding of a let expression (a ``var``
    since the last ``;``, clause keyword or enclosing bracket at its own depth)."""
    depth = 0
    for tok in reversed(code[:i]):
        if tok.kind is TokenKind.PUNCT and tok.text in ")]}":
            depth += 1
        elif tok.kind is TokenKind.PUNCT and tok.text in "([{":
            depth -= 1
            if depth < 0:
                return False
        elif depth == 0 and (tok.text == ";" or tok.text in _CLAUSE_WORDS):
            return False
        elif depth == 0 and tok.text == "var":
            return True
    return False


def _matching_brace(code: list[Token], i: int) -> int:
    depth = 0
    for j in range(i, len(code)):
        if code[j].kind is not TokenKind.PUNCT:
            continue
        depth += code[j].text == "{"
        depth -= code[j].text == "}"
        if depth == 0:
            return j
    tok = code[i]
    raise DafnySyntaxError("this '{' is never closed", line=tok.line, column=tok.column,
                           token="{")


def _adjacent(code: list[Token], i: int, texts: tuple[str, ...]) -> bool:
    """``texts`` at ``code[i:]`` with nothing between them (``-`` ``>`` is an arrow)."""
    if i + len(texts) > len(code):
        return False
    run = code[i : i + len(texts)]
    if any(t.text != want for t, want in zip(run, texts, strict=True)):
        return False
    return all(a.end == b.offset for a, b in itertools.pairwise(run))


def _accepts(state: Any, terminal: str) -> bool:
    """Whether the LALR parser, as it stands, would shift ``terminal`` after reductions.

    Runs the parse table on a copy of the state stack only: feeding a copied parser
    state would run tree-building callbacks that share (and extend) child lists.
    """
    if state is None:
        return True
    table = state.parse_conf.states
    stack = list(state.state_stack)
    while (action := table[stack[-1]].get(terminal)) is not None:
        kind, arg = action
        if kind is Shift:
            return True
        if arg.expansion:
            del stack[-len(arg.expansion) :]
        stack.append(table[stack[-1]][arg.origin.name][1])
    return False


def _lark(kind: str, code: list[Token], first: int, last: int) -> LarkToken:
    """A lark token covering ``code[first..last]`` with its exact text and position."""
    start, end = code[first], code[last]
    value = start.text if first == last else f"{start.text}…"
    return LarkToken(kind, value, start_pos=start.offset, line=start.line,
                     column=start.column, end_line=end.line,
                     end_column=end.column + len(end.text), end_pos=end.end)


# -- error messages ------------------------------------------------------------------


def syntax_error(exc: UnexpectedInput, text: str, file: str) -> DafnySyntaxError:
    """A parse failure, told as the token found and what could have come instead."""
    line, column = exc.line, exc.column
    found = "end of input"
    token = exc.token if isinstance(exc, UnexpectedToken) else None
    if token is not None and token.type != "$END":
        found = repr(text[token.start_pos : token.end_pos][:40])
    if found == "end of input" or line is None or line < 1:
        line = text.count("\n") + 1
        column = len(text) - text.rfind("\n")
    raw = set(getattr(exc, "expected", ()) or ())
    if "METHOD" in raw:
        raw.discard("GHOST")  # a modifier of the declarations already listed
    expected = sorted({_describe(t) for t in raw})
    hint = f"; expected {', '.join(expected[:8])}" if expected else ""
    if "a declaration" in expected and found != "end of input":
        hint += (" (this '}' closes nothing)" if found == "'}'" else
                 " (statements belong inside a body; only declarations stand alone)")
    return DafnySyntaxError(f"unexpected {found}{hint}", line=line, column=column,
                            token=found, file=file)


def _describe(terminal: str) -> str:
    """How a terminal reads in an error message (a declaration keyword as 'a declaration')."""
    if terminal in _DECLARATION_WORDS:
        return "a declaration"
    if terminal in _KEYWORD_TERMINALS:
        return terminal.lower()
    return _TERMINAL_WORDS.get(terminal, terminal.lower())


_DECLARATION_WORDS = frozenset({
    "METHOD", "FUNCTION", "LEMMA", "DATATYPE", "CLASS", "STATIC", "OPAQUE", "ABSTRACT",
    "TWOSTATE", "LEAST", "GREATEST", "INDUCTIVE", "PROTECTED",
    "REPLACEABLE", "CONSTRUCTOR", "PREDICATE", "ITERATOR", "CODATATYPE", "TYPE", "NEWTYPE",
    "CONST", "VAR", "TRAIT", "MODULE", "IMPORT", "INCLUDE", "EXPORT"})
_TERMINAL_WORDS = {
    "NAME": "a name", "BLOCK": "a body", "LBRACE": "'{'", "RBRACE": "'}'", "LPAR": "'('",
    "RPAR": "')'", "COLON": "':'", "EQUAL": "'='", "ATTRIBUTE": "an attribute",
    "$END": "end of input", "LT": "'<'", "GT": "'>'", "ARROW": "'->'", "ASSIGN": "':='",
    "COMMA": "','", "SEMI": "';'", "BAR": "'|'", "DOT": "'.'", "STAR": "'*'",
    "BRACE_EXPR": "an expression", "LET_VAR": "an expression", "OP": "an operator"}
