"""A declaration-level model of Dafny 4 programs, parsed with lark (program.lark).

Splicing and the integrity gate need to know which declarations a program has, their
signatures and contracts, and where each body starts and ends, but never what a body
means. So declarations are parsed exactly and bodies are kept as balanced-brace spans;
the code tokens of the whole program stay available (``Program.tokens_in``) so that a
gate can scan inside bodies for ``assume``, body-less ``forall`` statements or
``decreases *``. Every node knows its exact span in the source.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import lark
from lark import Lark, Transformer, Tree, v_args
from lark import Token as LarkToken
from lark.exceptions import UnexpectedInput, VisitError

from vericode.dafny.syntax.lexer import Token
from vericode.dafny.syntax.stream import (
    KEYWORDS,
    DafnyStream,
    DafnySyntaxError,
    dafny_code_tokens,
    syntax_error,
)
from vericode.settings import default_cache_dir

__all__ = ["Attribute", "Clause", "DafnySyntaxError", "Decl", "Program", "Span", "parse_program"]

CALLABLE_KINDS = frozenset({"method", "lemma", "constructor", "function", "predicate", "iterator"})
"""Declarations that can have a body of statements or an expression."""

_KEYWORD_TERMINALS = frozenset(KEYWORDS.values())


@dataclass(frozen=True)
class Span:
    """A stretch of the source: offsets ``[start, end)`` and where it starts (1-based)."""

    start: int
    end: int
    line: int
    column: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class Attribute:
    """``{:name args}``: the name and the raw text of its arguments."""

    name: str
    args: str
    span: Span


@dataclass(frozen=True)
class Clause:
    """One contract clause: ``requires``, ``ensures``, ``modifies``, ``reads``,
    ``decreases``, ``invariant`` (``yield requires``/``yield ensures`` in iterators)."""

    kind: str
    text: str
    """The expression, exactly as written."""
    span: Span
    """The keyword through the end of the expression."""


@dataclass(frozen=True)
class Decl:
    """One declaration, with enough structure to splice and to judge it."""

    kind: str
    """``method``, ``lemma``, ``constructor``, ``function``, ``predicate``, ``iterator``,
    ``datatype``, ``codatatype``, ``ctor`` (a datatype constructor), ``type``,
    ``newtype``, ``const``, ``var``, ``class``, ``trait``, ``module``, ``import``,
    ``include`` or ``export``."""
    name: str
    modifiers: tuple[str, ...]
    attributes: tuple[Attribute, ...]
    span: Span
    """The whole declaration, modifiers included."""
    signature: Span
    """From the first modifier or keyword to the end of the signature (before contracts)."""
    clauses: tuple[Clause, ...] = ()
    body: Span | None = None
    """The body's braces and everything between; None when the declaration has none."""
    members: tuple[Decl, ...] = ()
    """Declarations inside a module, class, trait or datatype (constructors first)."""
    params: tuple[str, ...] = ()
    """Names the declaration binds for its contract: type parameters, formals, results."""
    detail: str = ""
    """Per kind: ``synonym``/``subset``/``opaque`` for types, the target of an import,
    the file of an include."""

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    @property
    def is_callable(self) -> bool:
        return self.kind in CALLABLE_KINDS

    def attribute(self, name: str) -> Attribute | None:
        return next((a for a in self.attributes if a.name == name), None)


@dataclass(frozen=True)
class Program:
    """A parsed program: its text, its code tokens and its top-level declarations."""

    text: str
    decls: tuple[Decl, ...]
    tokens: tuple[Token, ...] = field(repr=False)
    """The code tokens (no comments or whitespace), in order."""

    def walk(self) -> Iterator[tuple[str, Decl]]:
        """Every declaration, nested ones included, with its dotted qualified name."""
        stack = [("", d) for d in reversed(self.decls)]
        while stack:
            prefix, decl = stack.pop()
            name = f"{prefix}{decl.name or '_ctor'}"
            yield name, decl
            stack.extend((f"{name}.", m) for m in reversed(decl.members))

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [t.offset for t in self.tokens]

    def tokens_in(self, span: Span) -> list[Token]:
        """The code tokens inside ``span``."""
        lo = bisect.bisect_left(self._starts, span.start)
        hi = bisect.bisect_left(self._starts, span.end)
        return list(self.tokens[lo:hi])

    def body_tokens(self, decl: Decl) -> list[Token]:
        return self.tokens_in(decl.body) if decl.body else []

    def find(self, name: str) -> Decl | None:
        """The top-level declaration called ``name`` (the first, if redeclared)."""
        return next((d for d in self.decls if d.name == name), None)


def parse_program(text: str, file: str = "<program>") -> Program:
    """Parse ``text``; raises ``DafnySyntaxError`` (a ``BadInput``) with line and column."""
    tokens = dafny_code_tokens(text, file)
    try:
        tree = _parser().parse(text)
        decls = _Builder(text, tokens).transform(tree)
    except UnexpectedInput as exc:
        raise syntax_error(exc, text, file) from exc
    except VisitError as exc:
        raise exc.orig_exc from exc
    except DafnySyntaxError as exc:
        raise DafnySyntaxError(exc.detail, line=exc.line, column=exc.column,
                               token=exc.token, file=file) from exc
    return Program(text=text, decls=tuple(decls), tokens=tuple(tokens))


@functools.lru_cache(maxsize=256)
def parse_skeleton(text: str, file: str = "<program>") -> Program:
    """``parse_program``, remembered: every candidate is spliced into and judged against
    the same skeleton, which need not be parsed again each time (a ``Program`` is
    immutable, so sharing it is safe)."""
    return parse_program(text, file)


@functools.cache
def _parser() -> Lark:
    return cached_lark(Path(__file__).parent / "program.lark", "program", parser="lalr",
                       lexer=DafnyStream, propagate_positions=True, strict=True,
                       maybe_placeholders=False)


def cached_lark(grammar: Path, name: str, **options: Any) -> Lark:
    """A lark parser for ``grammar``, its LALR tables built once per installation and
    kept in vericode's cache folder (``lark/NAME-HASH.lark``, the hash over the grammar,
    the options and the lark and Python versions, so a changed grammar gets a new file).
    A new file is written aside and renamed into place, so that no process reads one
    half written; one that cannot be read, or no writable cache folder, means the
    tables are built again."""
    text = grammar.read_text(encoding="utf-8")
    shown = sorted((k, type(v).__qualname__ if k == "postlex" else repr(v))
                   for k, v in options.items())
    key = "\0".join([text, repr(shown), lark.__version__, str(sys.version_info[:2])])
    folder = default_cache_dir(os.environ) / "lark"
    path = folder / f"{name}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.lark"
    saved = _saved_parser(path)
    if saved is not None:
        return saved
    parser = Lark(text, **options)
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{name}-", delete=False) as tmp:
            parser.save(tmp)
        os.replace(tmp.name, path)
    return parser


def _saved_parser(path: Path) -> Lark | None:
    """The parser saved at ``path``; None when there is none or it does not load (a
    file from another lark, cut short by a full disk: the caller builds it again)."""
    try:
        with path.open("rb") as f:
            return Lark.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # any unreadable cache is rebuilt, never trusted
        return None


# -- building nodes from the lark tree -------------------------------------------------


@dataclass(frozen=True)
class _Names:
    """Names a signature part binds (formals, returns, type parameters)."""

    names: tuple[str, ...]


@dataclass(frozen=True)
class _Detail:
    text: str


@dataclass(frozen=True)
class _Members:
    decls: tuple[Decl, ...]
    start: int


class _Builder(Transformer[LarkToken, list[Decl]]):
    """Turns the lark tree into ``Decl`` nodes, reading exact text from the source."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        super().__init__()
        self.text = text
        self.tokens = tokens
        self.starts = [t.offset for t in tokens]

    def start(self, children: list[Decl]) -> list[Decl]:
        return children

    @v_args(meta=True)
    def declaration(self, meta: Any, children: list[Any]) -> Decl:
        *modifiers, decl = children
        assert isinstance(decl, Decl)
        span = self._span(meta.start_pos, meta.end_pos)
        return replace(decl, modifiers=tuple(modifiers), span=span,
                       signature=replace(decl.signature, start=span.start, line=span.line,
                                         column=span.column))

    def modifier(self, children: list[LarkToken]) -> str:
        return str(children[0])

    @v_args(meta=True)
    def members(self, meta: Any, children: list[Any]) -> _Members:
        return _Members(tuple(c for c in children if isinstance(c, Decl)), meta.start_pos)

    @v_args(meta=True)
    def clause(self, meta: Any, children: list[Any]) -> Clause:
        *keywords, expr = children
        kind = " ".join(str(k) for k in keywords)
        return Clause(kind=kind, text=expr.of(self.text), span=self._span(meta.start_pos,
                                                                           meta.end_pos))

    @v_args(meta=True)
    def expr(self, meta: Any, children: list[Any]) -> Span:
        return self._span(meta.start_pos, meta.end_pos)

    def formal(self, children: list[Any]) -> _Names:
        names = [c for c in children if isinstance(c, LarkToken) and c.type == "NAME"]
        return _Names((str(names[0]),) if names else ())

    def type_param(self, children: list[Any]) -> _Names:
        return _Names(tuple(str(c) for c in children if isinstance(c, LarkToken)
                            and c.type == "NAME"))

    def formals(self, children: list[Any]) -> _Names:
        return _Names(tuple(n for c in children if isinstance(c, _Names) for n in c.names))

    returns = yields = type_params = formals

    def function_result(self, children: list[Any]) -> _Names:
        named = len(children) > 2 and isinstance(children[1], LarkToken)
        return _Names((str(children[2]),) if named else ())

    def qualified_name(self, children: list[LarkToken]) -> _Detail:
        return _Detail("".join(str(c) for c in children))

    def type_synonym(self, children: list[Any]) -> _Detail:
        return _Detail("synonym")

    def subset_type(self, children: list[Any]) -> _Detail:
        return _Detail("subset")

    @v_args(meta=True)
    def _declaration_node(self, meta: Any, children: list[Any]) -> Decl:
        """Every declaration rule (``method_decl``, ``class_decl``, ...) builds a ``Decl``."""
        return _assemble(self, meta, children)

    method_decl = function_decl = iterator_decl = datatype_decl = type_decl = _declaration_node
    const_decl = field_decl = class_decl = module_decl = import_decl = _declaration_node
    include_decl = export_decl = datatype_ctor = _declaration_node

    def tokens_between(self, start: int, end: int) -> list[Token]:
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return self.tokens[lo:hi]

    def _span(self, start: int, end: int) -> Span:
        i = bisect.bisect_left(self.starts, start)
        tok = self.tokens[i] if i < len(self.tokens) else self.tokens[-1]
        return Span(start, end, tok.line, tok.column)


def _assemble(builder: _Builder, meta: Any, children: list[Any]) -> Decl:
    """One declaration from its rule's children (keywords, names, clauses, body...)."""
    parts = _Parts()
    for child in children:
        parts.take(child, builder)
    span = builder._span(meta.start_pos, meta.end_pos)
    sig_end = _signature_end(builder, parts.contract_start or span.end, span.start)
    kind = parts.kind or "ctor"
    detail = parts.detail
    if kind in ("type", "newtype") and not detail:
        detail = "opaque"
    elif kind == "import":
        rest = builder.tokens_between(span.start, span.end)[1:]
        detail = builder.text[rest[0].offset : span.end] if rest else ""
    return Decl(kind=kind, name=parts.name, modifiers=(),
                attributes=tuple(parts.attributes), span=span,
                signature=replace(span, end=sig_end), clauses=tuple(parts.clauses),
                body=parts.body, members=parts.members, params=tuple(parts.params),
                detail=detail)


@dataclass
class _Parts:
    """What a declaration rule's children say, gathered in one pass."""

    kind: str = ""
    name: str = ""
    detail: str = ""
    attributes: list[Attribute] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    params: list[str] = field(default_factory=list)
    body: Span | None = None
    members: tuple[Decl, ...] = ()
    contract_start: int | None = None

    def take(self, child: Any, builder: _Builder) -> None:
        if isinstance(child, LarkToken):
            self._token(child, builder)
        elif isinstance(child, Clause):
            self.clauses.append(child)
            self._contract(child.span.start)
        elif isinstance(child, _Names):
            self.params.extend(child.names)
        elif isinstance(child, _Detail):
            self._detail(child.text)
        elif isinstance(child, _Members):
            self.members += child.decls
            self._contract(child.start)
        elif isinstance(child, Decl):
            self.members += (child,)
        elif isinstance(child, Tree) and child.data == "by_method":
            self._contract(child.meta.start_pos)

    def _token(self, tok: LarkToken, builder: _Builder) -> None:
        if tok.type == "ATTRIBUTE":
            self.attributes.append(_attribute(builder, tok))
        elif tok.type == "BLOCK" and self.body is None:
            self.body = builder._span(tok.start_pos, tok.end_pos)  # type: ignore[arg-type]
            self._contract(tok.start_pos)  # type: ignore[arg-type]
        elif tok.type in _KEYWORD_TERMINALS and not self.kind:
            self.kind = str(tok)
        elif tok.type in ("NAME", "STRING") and not self.name:
            self.name = str(tok).strip('"') if tok.type == "STRING" else str(tok)

    def _detail(self, text: str) -> None:
        if text in ("synonym", "subset"):
            self.detail = text
        elif not self.name:
            self.name = text
        else:
            self.detail = text

    def _contract(self, offset: int) -> None:
        if self.contract_start is None:
            self.contract_start = offset


def _signature_end(builder: _Builder, limit: int, start: int) -> int:
    """The end of the last code token before ``limit`` (where contracts or body begin)."""
    i = bisect.bisect_left(builder.starts, limit) - 1
    if i < 0 or builder.tokens[i].offset < start:
        return limit
    return builder.tokens[i].end


def _attribute(builder: _Builder, tok: LarkToken) -> Attribute:
    """``{:name args}`` split into its name and the raw text of its arguments."""
    start, end = tok.start_pos or 0, tok.end_pos or 0
    i = bisect.bisect_left(builder.starts, start) + 2
    name_tok = builder.tokens[i] if i < len(builder.tokens) else None
    if name_tok is None or name_tok.offset >= end - 1:
        return Attribute("", "", builder._span(start, end))
    args = builder.text[name_tok.end : end - 1].strip()
    return Attribute(name_tok.text, args, builder._span(start, end))
