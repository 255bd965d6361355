"""Errors in a spec, shown the way a compiler shows them: file:line:column, the line
itself with a caret under the column, and what the user probably meant."""

from __future__ import annotations

import difflib
import re

from vericode.errors import BadInput

PHRASES = (
    "is empty", "is not empty", "is in", "is not in", "contains", "does not contain",
    "is an element of", "is at least", "is at most", "is greater than", "is less than",
    "is greater than or equal to", "is less than or equal to", "is equal to",
    "is different from", "equals", "is between", "is even", "is odd", "is positive",
    "is negative", "is non-negative", "is zero", "divides", "does not divide",
    "is divisible by", "is sorted", "is sorted ascending", "is sorted descending",
    "is strictly sorted", "is sorted in ascending order", "is sorted in descending order",
    "is a permutation of", "has no duplicates", "has length", "every element of",
    "every element x of", "some element of", "no element of", "all elements of",
    "every index i of", "there is an index i of", "there is an element x of",
    "there is no element x of", "every integer k between", "for every index i of",
    "satisfies", "such that", "the sum of", "the product of", "the maximum of",
    "the minimum of", "the length of", "the size of", "the count of",
    "the number of occurrences of", "the result", "if", "then", "else",
    "if and only if", "and", "or", "not", "is a multiple of", "occurs in",
    "does not occur in", "has the same length as", "the largest element of",
    "the smallest element of", "the number of elements of", "that are", "is non-empty",
    "has distinct elements", "is sorted in increasing order", "all elements x of",
    "there exists an index i of", "implies",
)
"""The phrases a suggestion may name (the readable forms of the grammar)."""

_WORD = re.compile(r"[A-Za-z-]+")
CLAUSE_LINE = re.compile(r"^([ \t]*)(requires|ensures)[ \t]*:[ \t]*")
"""A clause line: its indentation, its kind, and the space up to its words."""


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
        gutter = f"{error.line:>5} | "
        parts.append(gutter + source)
        parts.append(" " * (len(gutter) + max(error.column - 1, 0)) + "^")
    if error.hint:
        parts.append(error.hint)
    near = nearest_phrases(source, error.column) if error.phrases else []
    if near:
        lead = "or did you mean the phrase " if error.hint else "did you mean the phrase "
        parts.append(lead + " or ".join(f'"{p}"' for p in near) + "?")
    if error.unreadable and CLAUSE_LINE.match(source):
        parts.append("(or let a model write this clause in Dafny, shown for review: "
                     "--formalize llm)")
    return BadInput("\n".join(parts))


def nearest_phrases(source_line: str, column: int, limit: int = 3) -> list[str]:
    """The phrases closest to the words around ``column`` (1-based) of a line."""
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
    best = sorted(scored.items(), key=lambda item: (-item[1], item[0]))
    return [phrase for phrase, score in best[:limit] if score >= 0.5]


def suggest(word: str, candidates: list[str]) -> str:
    """`did you mean …?` for a misspelt name, or nothing."""
    close = difflib.get_close_matches(word, candidates, n=3, cutoff=0.6)
    return f"did you mean {', '.join(f'`{c}`' for c in close)}?" if close else ""
