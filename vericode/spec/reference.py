"""The spec-language reference, ``docs/spec-language.md``, generated from the grammar
(``spec.lark``), the phrase table (``catalog``) and the renderer, so it cannot drift:
every example in it was parsed and rendered to Dafny when it was written, and every
mistake's message is the one vericode gives today.

    python -m vericode.spec.reference          # rewrite docs/spec-language.md
    python -m vericode.spec.reference --check  # exit 1 if the file is out of date
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from vericode.errors import BadInput
from vericode.spec.catalog import CONTEXT, FAMILIES, PHRASE_TABLE, Phrase
from vericode.spec.parse import GRAMMAR, parse_spec_file, parser
from vericode.spec.skeleton import HELPER_TEXT, build
from vericode.spec.types import ARITY

_PLACE = re.compile(r"^.*?:\d+:\d+: ")
"""Where an error is (``reference.spec:11:12: ``): the reference shows the message."""
DOC = Path(__file__).resolve().parents[2] / "docs" / "spec-language.md"

EXAMPLE_SPEC = """\
// A spec: its name, what it does, its parameters, its clauses, its examples.
spec MaxElement
  "Return the largest element of a non-empty sequence of integers."
  input a: seq<int>
  output m: int
  requires: a is not empty
  ensures: m is in a
  ensures: every element of a is at most m   // English ...
  ensures: forall i :: 0 <= i < |a| ==> a[i] <= m   // ... or Dafny, or both mixed
  example: a = [3, 7, 2] -> m = 7
  example: a = [-1] -> m = -1
"""

LINES = (
    ("spec NAME", "starts a spec; a file may hold several", "spec MaxElement"),
    ('"…"', "the description: quoted lines right after `spec NAME`",
     '"Return the largest element of a sequence."'),
    ("input NAME: TYPE", "a parameter of the method", "input a: seq<int>"),
    ("output NAME: TYPE", "a result of the method (`the result` names the only one)",
     "output m: int"),
    ("requires: CLAUSE", "a precondition (cannot mention an output)", "requires: a is not empty"),
    ("ensures: CLAUSE", "a postcondition; `old(x)` is a value before the call",
     "ensures: m is in a"),
    ("define:", "Dafny functions and predicates the clauses may call, indented under it "
     "(an error in them is reported at its own line)",
     "define:\n    predicate Small(x: int) { -10 < x < 10 }"),
    ("reads: NAME, …", "arrays the method reads", "reads: a"),
    ("modifies: NAME, …", "arrays the method changes in place (an example then gives the "
     "array's value after the call as an output)", "modifies: a"),
    ("example: INPUTS -> OUTPUTS", "a concrete call, checked by Dafny against every clause",
     "example: a = [3, 7, 2] -> m = 7"),
    ("// …", "a comment, on its own line or after any line", "// the largest element"),
)
"""Each kind of line: how it is written, what it is for, an example."""

TYPES = {
    "int": ("integers", "-3"), "nat": ("non-negative integers", "0"),
    "real": ("real numbers (no literals in examples)", "—"),
    "bool": ("true or false", "true"), "char": ("a character", "'a'"),
    "string": ("a sequence of characters", '"abc"'),
    "seq": ("`seq<T>`: a sequence of T", "[1, 2, 3]"),
    "set": ("`set<T>`: a finite set of T", "{1, 2}"),
    "multiset": ("`multiset<T>`: a bag of T", "multiset{1, 1, 2}"),
    "map": ("`map<K, V>`: a finite map from K to V", "map[1 := 'a']"),
    "array": ("`array<T>`: a mutable array (`modifies:` when it changes; its examples are "
              "written as sequences)", "[3, 1, 2]"),
}
"""Each type of ``types.ARITY``: what it holds and a literal of it."""

MIXED = (
    "a is not empty && x in a",
    "every element z of a satisfies z > lo && z < hi",
    "forall i :: 0 <= i < |a| ==> a[i] != x",
    "y == Sum(a[1..]) + Count(a, x)",
    "the count of x in a == CountIf(a, z => z == x)",
)
"""Clauses that mix English and Dafny."""

MISTAKES = (
    ("  ensures: y is atleast x", "  ensures: y is at least x",
     "a phrase's words are separate words"),
    ("  ensures: y is bigger then x", "  ensures: y is bigger than x",
     "comparisons end in `than`"),
    ("  ensures: y = x", "  ensures: y == x", "equality is `==` (or `is`, `equals`)"),
    ("  ensures: every element z of a z > 0", "  ensures: every element z of a satisfies z > 0",
     "a named element is followed by `satisfies`, `such that` or a phrase (`is …`)"),
    ("  ensures: y is between lo hi", "  ensures: y is between lo and hi",
     "`between … and …`"),
    ("  ensures: a is permutation of b", "  ensures: a is a permutation of b",
     "`is a permutation of`, `is a palindrome`, `is a subsequence of` keep their `a`"),
    ("  ensures y == x", "  ensures: y == x", "a clause keyword takes a colon"),
    ("  ensures: y is in aa", "  ensures: y is in a", "every name must be declared"),
    ("  ensures: every element of x is positive", "  ensures: every element of a is positive",
     "the phrases check the types of what they talk about"),
)
"""What users write, what vericode says, and what they meant."""


@functools.cache
def render_clause(clause: str) -> str:
    """The Dafny of one clause, as an ensures of ``CONTEXT`` (``BadInput`` if it fails)."""
    spec_file = parse_spec_file(f"{CONTEXT}  ensures: {clause}\n", "reference.spec")
    return build(spec_file.specs[0]).clauses[-1].dafny


def error_of(line: str) -> str:
    """What vericode says about a line added to ``CONTEXT`` (its message and hints)."""
    try:
        build(parse_spec_file(f"{CONTEXT}{line}\n", "reference.spec").specs[0])
    except BadInput as exc:
        first, *rest = exc.message.splitlines()
        kept = [part for part in rest if not part.startswith(("(or let", "(the phrases", " "))]
        return "\n".join([_PLACE.sub("", first), *kept])
    raise AssertionError(f"the mistake `{line.strip()}` is read without an error")


def generate() -> str:
    """The whole reference, as Markdown."""
    return "\n".join([*_intro(), *_lines(), *_types(), *_phrases(), *_mixed(),
                      *_helpers(), *_keywords(), *_mistakes()]) + "\n"


def _intro() -> Iterator[str]:
    yield "# The .spec language"
    yield ""
    yield ("<!-- Generated by `python -m vericode.spec.reference` from vericode/spec/spec.lark "
           "and the phrase table (vericode/spec/catalog.py): do not edit by hand. -->")
    yield ""
    yield ("A `.spec` file describes methods in controlled English, in Dafny expressions, or "
           "both mixed; `vericode formalize FILE.spec` turns each spec into a Dafny contract "
           "and checks its examples with Dafny. `vericode phrases WORD` lists the phrases "
           "that mention WORD. Every example on this page was parsed and rendered to the "
           "Dafny shown when the page was generated.")
    yield ""
    yield from _code("spec", EXAMPLE_SPEC)
    yield "renders to"
    yield ""
    yield from _code("dafny", build(parse_spec_file(EXAMPLE_SPEC).specs[0]).text)


def _lines() -> Iterator[str]:
    yield "## Lines"
    yield ""
    yield ("Each line of a spec is one of these; the lines after `spec NAME` are indented. "
           "English keywords are keywords only where the grammar can use them, so "
           "`input count: int` is fine.")
    yield ""
    for form, what, example in LINES:
        yield f"- `{form}`: {what}. Example:"
        yield ""
        yield from (f"  {line}" if line else "" for line in _code("spec", example))
    yield "The grammar of the lines, from `spec.lark`:"
    yield ""
    yield from _code("lark", _structure_rules())


def _structure_rules() -> str:
    text = GRAMMAR.read_text(encoding="utf-8")
    start = text.index("start:")
    return text[start:text.index("// ----", start)].strip()


def _types() -> Iterator[str]:
    yield "## Types"
    yield ""
    yield "A parameter's type is one of these, nested as deep as needed (`seq<set<int>>`):"
    yield ""
    for name in ARITY:
        what, literal = TYPES[name]
        yield f"- `{name}`: {what}; an example value: `{literal}`"
    yield ""


def _phrases() -> Iterator[str]:
    yield "## Phrases"
    yield ""
    yield ("Each phrase with a clause that uses it and the Dafny it renders to. The clauses "
           "are about `a, b: seq<int>`, `s: string`, `x, k, lo, hi: int`, `t: set<int>` and "
           "the output `y: int`.")
    yield ""
    for family, what in FAMILIES.items():
        yield f"### {family[0].upper()}{family[1:]}"
        yield ""
        yield what
        yield ""
        yield from (_phrase(p) for p in PHRASE_TABLE if p.family == family)
        yield ""


def _phrase(p: Phrase) -> str:
    return f"- **{p.words}**: `{p.example}` → `{render_clause(p.example)}`"


def _mixed() -> Iterator[str]:
    yield "## English and Dafny together"
    yield ""
    yield ("A clause may be English, a Dafny expression, or both: English phrases and Dafny "
           "operators (`&&`, `||`, `==>`, `<==>`, `!`, `==`, `<`, `in`, `|…|`, `a[i]`, "
           "`a[i..j]`, `forall`, `exists`, calls of the helper functions and of `define:` "
           "functions) combine freely. English binds looser than Dafny's comparisons: "
           "`x is in a && y > 0` is `x in a && y > 0`.")
    yield ""
    yield from (f"- `{clause}` → `{render_clause(clause)}`" for clause in MIXED)
    yield ""


def _helpers() -> Iterator[str]:
    yield "## Helper functions"
    yield ""
    yield ("The phrases for sums, counts, reversal and subsequences render to calls of these "
           "functions; the skeleton defines the ones its clauses use, and a clause may call "
           "them by name. A `define:` block may not reuse their names.")
    yield ""
    yield from _code("dafny", "\n\n".join(HELPER_TEXT.values()))


def _keywords() -> Iterator[str]:
    yield "## Words of the language"
    yield ""
    words = sorted({str(t.pattern.value) for t in parser().terminals
                    if t.pattern.type == "str" and str(t.pattern.value)[:1].isalpha()})
    yield ", ".join(f"`{w}`" for w in words)
    yield ""


def _mistakes() -> Iterator[str]:
    yield "## Common mistakes"
    yield ""
    yield ("What was written, what vericode says, and the fix. A clause the grammar cannot "
           "read may also go to a model with `--formalize llm` (shown for review).")
    yield ""
    for wrong, right, why in MISTAKES:
        fixed = right.split(":", 1)[1].strip()
        yield f"- `{wrong.strip()}`: {why}."
        yield ""
        yield from (f"  {line}" if line else "" for line in _code("text", error_of(wrong)))
        yield f"  Fix: `{right.strip()}` → `{render_clause(fixed)}`"
        yield ""


def _code(language: str, text: str) -> list[str]:
    return [f"```{language}", *text.rstrip("\n").splitlines(), "```", ""]


def main(argv: list[str]) -> int:
    text = generate()
    if "--check" in argv:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        print(f"{DOC} is up to date" if current == text else f"{DOC} is out of date")
        return 0 if current == text else 1
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
