"""Dafny's printout of a program it parsed (``/dprint``), read back into declarations.

The printer writes one regular layout whatever the input looked like: comments
dropped, preprocessor lines applied, a lone CR read as a line end, one contract clause
per line, a body as ``{`` … ``}`` on lines of their own, nested declarations indented
by two. So the layout alone says which declarations Dafny read, where each begins
and ends, and whether it has a body; nothing here depends on vericode's own grammar,
which is the point (the integrity gate compares the two readings).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

CONTAINERS = frozenset({"module", "class", "trait"})
CALLABLES = frozenset({
    "method", "lemma", "constructor", "function", "function method", "predicate",
    "predicate method", "colemma", "copredicate", "comethod", "inductive predicate",
    "inductive lemma", "twostate lemma", "twostate function", "twostate predicate",
    "least lemma", "greatest lemma", "least predicate", "greatest predicate", "iterator",
})
_MODIFIERS = ("ghost", "static", "protected", "abstract", "opened")
_KIND = re.compile(
    r"^(?P<kind>function method|predicate method|inductive predicate|inductive lemma|"
    r"twostate lemma|twostate function|twostate predicate|least lemma|greatest lemma|"
    r"least predicate|greatest predicate|method|lemma|constructor|function|predicate|"
    r"colemma|copredicate|comethod|iterator|class|trait|module|datatype|codatatype|"
    r"newtype|type|const|var|import|export)\b")
_NAME = re.compile(r"[A-Za-z_?'#\\0-9][\w?'#\\]*")


@dataclass
class PrintedDecl:
    """One declaration as Dafny printed it."""

    kind: str
    """``method``, ``function method``, ``class``, … or ``unknown`` for a line at
    declaration level that names no declaration."""
    name: str
    attributes: list[str]
    """Attribute names in printed order (``verify``, ``axiom``, …)."""
    text: str
    """The whole declaration as printed, dedented."""
    header: str
    """The declaration without its body: signature and contract."""
    body: str | None
    """The body's lines (between the braces), or None when it has none."""
    members: list[PrintedDecl] = field(default_factory=list)

    @property
    def is_callable(self) -> bool:
        return self.kind in CALLABLES


def strip_header(printout: str) -> list[str]:
    """The printout's lines after its ``// Dafny …`` header (the printer writes no
    comments of its own, so leading ``//`` lines are the header)."""
    lines = printout.split("\n")
    i = 0
    while i < len(lines) and (lines[i].startswith("//") or not lines[i].strip()):
        i += 1
    return lines[i:]


def parse_printout(printout: str) -> list[PrintedDecl]:
    """The top-level declarations of a ``/dprint`` printout."""
    decls, _ = _block(strip_header(printout), 0, 0)
    return decls


def walk(decls: list[PrintedDecl], prefix: str = "") -> Iterator[tuple[str, PrintedDecl]]:
    """Every declaration with its dotted qualified name."""
    for decl in decls:
        name = f"{prefix}{decl.name or '_ctor'}"
        yield name, decl
        yield from walk(decl.members, f"{name}.")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _dedent(lines: list[str], indent: int) -> str:
    return "\n".join(line[indent:].rstrip() for line in lines).strip("\n")


def _attributes(rest: str) -> tuple[list[str], str]:
    names = []
    while rest.startswith("{:"):
        match = re.match(r"\{:\s*([A-Za-z_][\w?']*)", rest)
        names.append(match.group(1) if match else "")
        depth, end = 0, len(rest)
        for j, ch in enumerate(rest):
            depth += {"{": 1, "}": -1}.get(ch, 0)
            if depth == 0:
                end = j + 1
                break
        rest = rest[end:].lstrip()
    return names, rest


def _head(line: str) -> tuple[str, list[str], str] | None:
    """``(kind, attributes, name)`` of a declaration's first line, or None."""
    words = line.split()
    while words and words[0] in _MODIFIERS:
        words.pop(0)
    rest = " ".join(words)
    kind = _KIND.match(rest)
    if kind is None:
        return None
    attributes, after = _attributes(rest[kind.end():].lstrip())
    name = _NAME.match(after)
    return kind.group("kind"), attributes, name.group(0) if name else ""


def _block(lines: list[str], i: int, indent: int) -> tuple[list[PrintedDecl], int]:
    decls: list[PrintedDecl] = []
    while i < len(lines):
        line, text = lines[i], lines[i].strip()
        if not text:
            i += 1
            continue
        if _indent(line) < indent or (_indent(line) == indent and text == "}"):
            break
        head = _head(text)
        if head is None or _indent(line) != indent:
            decls.append(PrintedDecl("unknown", text, [], text, text, None))
            i += 1
        elif head[0] in CONTAINERS and text.endswith("{"):
            decl, i = _container(lines, i, indent, head)
            decls.append(decl)
        else:
            decl, i = _declaration(lines, i, indent, head)
            decls.append(decl)
    return decls, i


def _container(lines: list[str], i: int, indent: int,
               head: tuple[str, list[str], str]) -> tuple[PrintedDecl, int]:
    members, j = _block(lines, i + 1, indent + 2)
    end = j + 1 if j < len(lines) and lines[j].strip() == "}" else j
    text = _dedent(lines[i:end], indent)
    return PrintedDecl(head[0], head[2], head[1], text, lines[i].strip(), None, members), end


def _declaration(lines: list[str], i: int, indent: int,
                 head: tuple[str, list[str], str]) -> tuple[PrintedDecl, int]:
    j = i + 1
    while j < len(lines) and (not lines[j].strip() or _indent(lines[j]) > indent):
        j += 1
    header = _dedent(lines[i:j], indent)
    body: str | None = None
    if j < len(lines) and _indent(lines[j]) == indent and lines[j].strip() == "{":
        k = j + 1
        while k < len(lines) and not (_indent(lines[k]) == indent and lines[k].strip() == "}"):
            k += 1
        body = _dedent(lines[j + 1:k], indent + 2)
        j = k + 1
    elif lines[i].rstrip().endswith("{"):
        body = ""  # defensive: a body opened on the header line
    text = _dedent(lines[i:j], indent)
    return PrintedDecl(head[0], head[2], head[1], text, header, body), j
