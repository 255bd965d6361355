"""Errors in a spec, shown the way a compiler shows them: file:line:column, the line
itself with a caret under the column, and what the user probably meant."""

from __future__ import annotations

import difflib
import re

from vericode.errors import BadInput
from vericode.spec.catalog import PHRASES

__all__ = ["PHRASES", "REFERENCE", "SpecError", "bad_input", "nearest_phrases", "suggest"]

REFERENCE = "docs/spec-language.md"
"""The spec-language reference every "cannot read" error names."""


_WORD = re.compile(r"[A-Za-z-]+")
CLAUSE_LINE = re.compile(r"^([ \t]*)(requires|ensures)[ \t]*:[ \t]*")
"""A clause line: its indentation, its kind, and the space up to its words."""

LINE_KEYWORDS = ("spec", "input", "output", "requires:", "ensures:", "define:", "reads:",
                 "modifies:", "example:")
"""How the lines of a spec start (a misspelt first word is matched against these)."""

_NOUNS = {"requires": "clause", "ensures": "clause", "input": "parameter",
          "output": "parameter", "example": "example", "spec": "spec header",
          "reads": "frame", "modifies": "frame"}
_LEAD = re.compile(r"^([ \t]*)([A-Za-z][A-Za-z0-9_'-]*)([ \t]*:)?")
"""A line's indentation, first word, and the colon after it if there is one."""
_NO_COLON = re.compile(r"^[ \t]*(requires|ensures|reads|modifies|example|define)\b(?![ \t]*:)")
_KIND = {"requires": "a clause", "ensures": "a clause", "reads": "a frame",
         "modifies": "a frame", "example": "an example", "define": "a definition"}
_EXAMPLE_LINE = re.compile(r"^[ \t]*example[ \t]*:")
_LITERAL = re.compile(r'"(?:[^"\\\n]|\\.)*"?'
                      + r"|(?<![\w'])'(?:\\u[0-9A-Fa-f]{4}|[^'\\\n]|\\.)'")
"""A string or character literal, as spec.lark reads them (a name may end in `'`)."""
TAB = "    "
"""What a tab is shown as under a caret (the reported column still counts it as one)."""


class SpecError(Exception):
    """A problem at one place of the spec text (turned into ``BadInput`` for the user)."""

    def __init__(self, line: int, column: int, message: str, hint: str = "",
                 phrases: bool = False, unreadable: bool = False) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.phrases = phrases
        """Also suggest the phrases near the column (an unknown word may be a typo)."""
        self.unreadable = unreadable or phrases
        """The words could not be read (a syntax error or a word that names nothing), as
        opposed to read and found wrong: ``--formalize llm`` may hand them to a model."""


def bad_input(path: str, text: str, error: SpecError) -> BadInput:
    """The user-facing error: place, message, the source line with a caret, a hint."""
    lines = text.splitlines()
    source = lines[error.line - 1] if 0 < error.line <= len(lines) else ""
    parts = [f"{path}:{error.line}:{error.column}: {error.message}"]
    if source.strip():
        parts.extend(_with_caret(source, error.line, error.column))
    if error.hint:
        parts.append(error.hint)
    near = nearest_phrases(source, error.column) if error.phrases else []
    if near:
        lead = "or did you mean the phrase " if error.hint else "did you mean the phrase "
        parts.append(lead + " or ".join(f'"{p}"' for p in near) + "?")
    if error.unreadable and _has_words(source):
        parts.append("(or let a model write this clause in Dafny, shown for review: "
                     "--formalize llm)")
    if error.unreadable and CLAUSE_LINE.match(source):
        parts.append(f"(the phrases a clause may use: {REFERENCE}, or `vericode phrases WORD`)")
    return BadInput("\n".join(parts))


def _with_caret(source: str, line: int, column: int) -> list[str]:
    """The line and a caret under ``column``: a terminal would widen a tab to its own
    tab stop and put the caret under another character, so tabs are shown as spaces."""
    gutter = f"{line:>5} | "
    before = source[:max(column - 1, 0)].replace("\t", TAB)
    return [gutter + source.replace("\t", TAB), " " * (len(gutter) + len(before)) + "^"]


def _has_words(source: str) -> bool:
    """A clause line with words after its colon (an empty one is no work for a model)."""
    clause = CLAUSE_LINE.match(source)
    return clause is not None and bool(code_of(source)[clause.end():].strip())


def line_noun(source: str) -> str:
    """What a line of a spec is, by its first word ("clause", "parameter", ...), so that
    a message names what the user wrote; "line" when that word is no keyword."""
    lead = _LEAD.match(source)
    return _NOUNS.get(lead.group(2), "line") if lead else "line"


def code_of(source: str) -> str:
    """The line with its literals blanked and its `//` comment cut, columns unchanged:
    words and brackets in a comment or a string are not what the grammar choked on."""
    masked = _LITERAL.sub(lambda m: m.group()[0] + " " * (len(m.group()) - 1), source)
    return masked.split("//", 1)[0]


def line_hints(source: str, column: int, at_end: bool) -> str:
    """The hints for a spec line the grammar stopped reading at ``column``: what the
    line's form lacks if it can be told (a keyword, a colon, an arrow, a condition),
    else, among a clause's or an example's words, what ``word_hints`` finds."""
    code = code_of(source)
    form = _form_hint(code, column)
    if form:
        return form
    colon = code.find(":")
    if line_noun(code) in ("clause", "example") and -1 < colon < column - 1:
        return word_hints(code, column, at_end)
    return ""


def word_hints(code: str, column: int, at_end: bool) -> str:
    """Hints for an error among a clause's words: a `(` left open, and the phrases near
    the column (not at the end of a line with a `(` open: that is the mistake)."""
    hints = [unclosed_paren(code, column)]
    near = [] if hints[0] and at_end else nearest_phrases(code, column)
    if near:
        hints.append("did you mean: " + ", ".join(f'"{p}"' for p in near) + "?")
    return "\n".join(h for h in hints if h)


def _form_hint(code: str, column: int) -> str:
    """What the line's shape lacks, the most telling first."""
    no_colon = _NO_COLON.match(code)
    if no_colon:
        word = no_colon.group(1)
        return f"{_KIND[word]} is written `{word}: …`, with a colon after `{word}`"
    clause = CLAUSE_LINE.match(code)
    if clause and not code[clause.end():].strip():
        return (f"the clause is empty: write the condition after `{clause.group(2)}:` "
                "on the same line")
    if _EXAMPLE_LINE.match(code) and "->" not in code:
        return "an example is written `example: inputs -> outputs`, e.g. `x = 1 -> y = 2`"
    return keyword_hint(code, column)


def keyword_hint(code: str, column: int) -> str:
    """For an error at a line's first word that is no keyword: the nearest line keyword
    (`ensure:` → `ensures:`), else the keywords a line may start with."""
    indent = len(code) - len(code.lstrip(" \t"))
    if column != indent + 1:
        return ""
    if code[indent:].startswith('"'):
        return "a description (quoted lines) goes right after the line `spec NAME`"
    lead = _LEAD.match(code)
    if lead is None or lead.group(2) in _NOUNS:
        return ""
    written = lead.group(2) + (":" if lead.group(3) else "")
    close = difflib.get_close_matches(written, LINE_KEYWORDS, n=1, cutoff=0.6)
    if close:
        return f'did you mean "{close[0]}"?'
    return ("a line of a spec starts with " + ", ".join(f"`{k}`" for k in LINE_KEYWORDS[:-1])
            + f" or `{LINE_KEYWORDS[-1]}`")


def unclosed_paren(code: str, column: int) -> str:
    """`the ( at column N is never closed` for the last `(` before ``column`` that no
    `)` on the line closes, or nothing."""
    open_at: list[int] = []
    for index, char in enumerate(code):
        if char == "(":
            open_at.append(index + 1)
        elif char == ")" and open_at:
            open_at.pop()
    before = [at for at in open_at if at < column]
    return f"the ( at column {before[-1]} is never closed" if before else ""


def nearest_phrases(source_line: str, column: int, limit: int = 3) -> list[str]:
    """The phrases closest to the words around ``column`` (1-based) of a line, but
    none the line already says: a suggestion never repeats what the user wrote."""
    start = max(column - 1, 0)
    before = _WORD.findall(source_line[:start])[-2:]
    after = _WORD.findall(source_line[start:])[:5]
    scored: dict[str, float] = {}
    for lead in range(len(before) + 1):
        words = [*before[lead:], *after]
        for phrase in PHRASES:
            n = len(phrase.split())
            window = " ".join(words[:n + 1])
            ratio = difflib.SequenceMatcher(None, window, phrase).ratio()
            scored[phrase] = max(scored.get(phrase, 0.0), ratio)
    written = f" {' '.join(_WORD.findall(source_line.lower()))} "
    best = sorted(((p, score) for p, score in scored.items() if f" {p} " not in written),
                  key=lambda item: (-item[1], item[0]))
    return [phrase for phrase, score in best[:limit] if score >= 0.5]


def suggest(word: str, candidates: list[str]) -> str:
    """`did you mean …?` for a misspelt name, or nothing."""
    close = difflib.get_close_matches(word, candidates, n=3, cutoff=0.6)
    return f"did you mean {', '.join(f'`{c}`' for c in close)}?" if close else ""
