"""Reading a ``.spec`` file: lark parses, ``SpecBuilder`` builds the models, and every
failure becomes one ``BadInput`` that points at the line and column.

``parse_spec_file`` only reads; ``vericode.spec.names`` then checks names and types.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lark import Lark, Token, v_args
from lark.exceptions import (
    LarkError,
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
    VisitError,
)
from lark.tree import Meta

from vericode.dafny.syntax.program import cached_lark
from vericode.errors import BadInput
from vericode.files.text import PROBLEM_BYTES, BadText, canonical, read_text
from vericode.spec import nodes as n
from vericode.spec.build import ClauseBuilder
from vericode.spec.errors import (
    SpecError,
    bad_input,
    code_of,
    keyword_hint,
    line_hints,
    line_noun,
    word_hints,
)
from vericode.spec.models import Binding, Clause, Define, Example, Frame, Param, Spec, SpecFile

GRAMMAR = Path(__file__).with_name("spec.lark")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_']*")
_DECLARED = re.compile(r"\b(?:input|output)\s+([A-Za-z][A-Za-z0-9_']*)")
_SPEC_LINE = re.compile(r"^[ \t]*spec\b", re.MULTILINE)


class _WholeWords:
    """A no-op post-lexer whose only job is ``always_accept``: with NAME tried in every
    parser state, `atleast` is one unknown word instead of `at` + `least`."""

    always_accept = ("NAME",)

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        return stream


@functools.cache
def parser(start: str = "start") -> Lark:
    """The LALR parser (built once per start rule: ``start`` or ``expr``)."""
    return cached_lark(GRAMMAR, f"spec-{start}", parser="lalr", lexer="contextual",
                       start=start, propagate_positions=True, maybe_placeholders=False,
                       postlex=_WholeWords())


def parse_spec_file(text: str, path: str = "<spec>") -> SpecFile:
    """Parse the text of a ``.spec`` file (raises ``BadInput`` with file:line:column)."""
    try:
        text = canonical(text, path)
    except BadText as exc:
        raise _shown(exc) from None
    try:
        specs = parse_specs(text, path)
    except SpecError as exc:
        raise bad_input(path, text, exc) from None
    return SpecFile(path=path, text=text, specs=specs)


def parse_specs(text: str, path: str = "<spec>") -> tuple[Spec, ...]:
    """The specs of a file's text; a syntax error is a ``SpecError`` at its place (so
    that a caller may set the clause aside), anything else unreadable ``BadInput``."""
    source = text if text.endswith("\n") else text + "\n"
    _require_a_spec(source)
    try:
        with _collector_paused():
            tree = parser().parse(source)
            specs = SpecBuilder(source).transform(tree)
    except UnexpectedInput as exc:
        raise _syntax_error(exc, source) from None
    except VisitError as exc:
        if isinstance(exc.orig_exc, SpecError):
            raise exc.orig_exc from None
        raise
    except RecursionError:
        raise BadInput(f"{path}: a clause is nested too deeply to read") from None
    except LarkError as exc:
        raise BadInput(f"{path}: cannot read the spec: {exc}") from None
    return tuple(specs)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a file is read: lark's many live nodes made
    each collection pass longer as the tree grew, so a long file read in more than
    linear time (20,000 examples: 4.5 s, 2.4 s without)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_expr(text: str) -> n.Expr:
    """Parse one clause on its own (used for round trips of rendered Dafny)."""
    try:
        return read_expr(text)
    except SpecError as exc:
        raise BadInput(f"cannot read `{text}`: column {exc.column}: {exc.message}") from None


def read_expr(text: str) -> n.Expr:
    """One clause on its own line; ``SpecError`` at the line and column it breaks."""
    try:
        tree = parser("expr").parse(text)
        result = SpecBuilder(text).transform(tree)
    except UnexpectedInput as exc:
        raise _syntax_error(exc, text, one_clause=True) from None
    except VisitError as exc:
        if isinstance(exc.orig_exc, SpecError):
            raise exc.orig_exc from None
        raise SpecError(1, 1, f"cannot read it: {exc.orig_exc}") from None
    except RecursionError:
        raise SpecError(1, 1, "it is nested too deeply to read") from None
    except LarkError as exc:
        raise SpecError(1, 1, f"cannot read it: {exc}") from None
    assert isinstance(result, n.Expr)
    return result


def read_spec_file(path: Path) -> SpecFile:
    """Read and parse a ``.spec`` file (``BadInput`` if it is missing or unreadable)."""
    return parse_spec_file(read_spec_text(path), str(path))


def read_spec_text(path: Path) -> str:
    """The text of a ``.spec`` file, read as every text is (``vericode.files.text``: a
    byte order mark dropped, ``\n`` line ends). A byte that is not UTF-8, or a NUL, is
    a ``BadInput`` at its line and column with the line shown, not a traceback."""
    if not path.exists():
        raise BadInput(f"{path}: no such file")
    try:
        return read_text(path, str(path), PROBLEM_BYTES)
    except BadText as exc:
        raise _shown(exc) from None


def _shown(exc: BadText) -> BadInput:
    """A text error as the spec's errors are shown: the line, a caret under the column."""
    return bad_input(exc.source, exc.text, SpecError(exc.line, exc.column, exc.reason))


def _require_a_spec(text: str) -> None:
    """A file with no `spec` line (empty, blank, only comments) would fail where the
    grammar first misses one, which may be inside a comment; say what is missing."""
    if _SPEC_LINE.search(text):
        return
    line, column, hint = 1, 1, ""
    for number, source in enumerate(text.splitlines(), start=1):
        code = source.lstrip(" \t")
        if code and not code.startswith("//"):
            line, column = number, len(source) - len(code) + 1
            hint = keyword_hint(source, column)
            break
    raise SpecError(line, column, "no spec in this file: a spec starts with a line `spec NAME`",
                    hint if hint.startswith("did you mean") else "")


def _syntax_error(exc: UnexpectedInput, text: str, one_clause: bool = False) -> SpecError:
    """Say where reading stopped, what came there, and what was probably meant;
    ``one_clause``: the text is a clause's words alone (no spec around them)."""
    line, column = max(exc.line, 1), max(exc.column, 1)
    if isinstance(exc, UnexpectedEOF):
        lines = text.splitlines() or [""]
        line, column = len(lines), len(lines[-1]) + 1
        return SpecError(line, column, "the spec ends in the middle of a clause",
                         unreadable=True)
    source = _line_text(text, line)
    code, found = code_of(source), _found(exc)
    stray = _stray_word(text, code, column)
    if stray is not None:
        column, found = stray[0], f"`{stray[1]}`"
    at_end = found == "end of line"
    if at_end:
        column = min(column, len(code.rstrip()) + 1)
    if one_clause:
        noun, hint = "clause", word_hints(code, column, at_end)
    else:
        noun, hint = line_noun(source), line_hints(source, column, at_end)
    return SpecError(line, column, f"cannot read this {noun}: unexpected {found}", hint,
                     unreadable=True)


def _found(exc: UnexpectedInput) -> str:
    """What the grammar found where it stopped, as a message names it."""
    if isinstance(exc, UnexpectedToken):
        return "end of line" if exc.token.type in ("_NL", "$END") else f"`{exc.token}`"
    if isinstance(exc, UnexpectedCharacters):
        return f"`{exc.char}`"
    return "this"


@functools.cache
def _keywords() -> frozenset[str]:
    """The words of the language (the grammar's keyword terminals)."""
    words = {str(t.pattern.value) for t in parser().terminals if t.pattern.type == "str"}
    return frozenset(w for w in words if w.isalpha())


def _stray_word(text: str, source: str, column: int) -> tuple[int, str] | None:
    """The word just before the error when it names nothing the file declares: in
    `m is atleast 3` reading stops at `3`, but the mistake is `atleast`."""
    before = list(_WORD.finditer(source[:column - 1]))
    if not before:
        return None
    word = before[-1]
    declared = set(_DECLARED.findall(text)) | set(Define(line=0, column=0, text=text).names)
    if word.group() in declared or word.group() in _keywords():
        return None
    if before[-1].end() < len(source[:column - 1].rstrip()):
        return None
    return word.start() + 1, word.group()


def _line_text(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _after_colon(source: str) -> str:
    """The words of a clause line after its keyword, without a trailing comment."""
    rest = source.split(":", 1)[1] if ":" in source else source
    return rest.split("//", 1)[0].strip()


@v_args(meta=True)
class SpecBuilder(ClauseBuilder):
    """Builds ``Spec`` models from the structural rules; clauses via ``ClauseBuilder``."""

    @functools.cached_property
    def lines(self) -> list[str]:
        """The text's lines, split once: a clause or example reads its own line, and
        splitting the whole text for each of them made a long file quadratic."""
        return self.text.splitlines()

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def start(self, meta: Meta, items: list[Any]) -> list[Spec]:
        return [item for item in items if isinstance(item, Spec)]

    def spec(self, meta: Meta, items: list[Any]) -> Spec:
        fields: dict[str, list[Any]] = {"params": [], "clauses": [], "defines": [],
                                        "frames": [], "examples": []}
        slot: dict[type, str] = {Param: "params", Clause: "clauses", Define: "defines",
                                 Frame: "frames", Example: "examples"}
        for item in items:
            if type(item) in slot:
                fields[slot[type(item)]].append(item)
        description = next((i for i in items if isinstance(i, _Description)), None)
        return Spec(line=meta.line, column=meta.column, name=str(items[1]),
                    description=description.text if description else "",
                    **{k: tuple(v) for k, v in fields.items()})

    def description(self, meta: Meta, items: list[Any]) -> _Description:
        lines = [str(item)[1:-1].replace('\\"', '"').replace("\\\\", "\\") for item in items]
        return _Description("\n".join(lines))

    def param(self, meta: Meta, items: list[Any]) -> Param:
        kind, name, dtype = items
        return Param(line=name.line, column=name.column, kind=str(kind), name=str(name),
                     type=dtype)

    def clause(self, meta: Meta, items: list[Any]) -> Clause:
        kind, expr = items[0], items[-1]
        text = _after_colon(self.line(kind.line))
        return Clause(line=expr.line, column=expr.column, kind=str(kind), expr=expr, text=text)

    def frame(self, meta: Meta, items: list[Any]) -> Frame:
        names = tuple(str(t) for t in items[1:])
        return Frame(line=meta.line, column=meta.column, kind=str(items[0]), names=names)

    def define(self, meta: Meta, items: list[Any]) -> Define:
        token: Token = items[0]
        block = str(token).split("define:", 1)[1]
        first, _, rest = block.partition("\n")
        body = "\n".join(x for x in (first.strip(), textwrap.dedent(rest).strip()) if x)
        column = (token.column or 1) + len(str(token)) - len(str(token).lstrip())
        line = token.line or meta.line
        blank = len(rest) - len(rest.lstrip("\n \t"))
        body_line = line if first.strip() else line + 1 + rest[:blank].count("\n")
        return Define(line=line, column=column, text=body, body_line=body_line)

    def example(self, meta: Meta, items: list[Any]) -> Example:
        inputs, outputs = items[1], items[2]
        text = _after_colon(self.line(meta.line))
        return Example(line=meta.line, column=meta.column, inputs=inputs, outputs=outputs,
                       text=text)

    def bindings(self, meta: Meta, items: list[Any]) -> tuple[Binding, ...]:
        return tuple(items)

    def binding(self, meta: Meta, items: list[Any]) -> Binding:
        name, value = items
        written = self.text[name.end_pos or meta.start_pos:meta.end_pos]
        text = written.split("=", 1)[-1].strip()
        return Binding(line=name.line, column=name.column, name=str(name), value=value,
                       text=text)


@dataclass(frozen=True)
class _Description:
    text: str
