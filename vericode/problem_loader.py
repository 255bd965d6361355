"""PROBLEM arguments as users write them: a tagged ``.dfy``, ``corpus.jsonl#ID``, or a
``.spec`` file (rendered to a tagged skeleton first, ``FILE.spec#NAME`` for one of
several specs in a file)."""

from __future__ import annotations

from pathlib import Path

from vericode.errors import BadInput
from vericode.problem import Problem, load_problem, parse_tagged


def load_any(ref: str) -> Problem:
    """Load one problem from a path or ``corpus.jsonl#ID``."""
    base, _, name = ref.partition("#") if ".spec#" in ref else (ref, "", "")
    path = Path(base)
    if path.suffix == ".spec":
        return load_spec_problem(path, name or None)
    if "#" not in ref and not path.exists():
        raise BadInput(f"{ref}: no such file")
    return load_problem(ref)


def load_spec_problem(path: Path, name: str | None = None) -> Problem:
    """The problem a ``.spec`` file describes (its only spec, or the one called ``name``)."""
    from vericode.spec import read_spec_file, render_tagged

    specs = list(read_spec_file(path).specs)
    if name is not None:
        chosen = [s for s in specs if s.name == name]
        if not chosen:
            known = ", ".join(s.name for s in specs)
            raise BadInput(f"{path}: no spec named {name} (the file has: {known})")
    elif len(specs) > 1:
        names = ", ".join(f"{path}#{s.name}" for s in specs)
        raise BadInput(f"{path} holds {len(specs)} specs: name one, as one of {names}")
    else:
        chosen = specs
    spec = chosen[0]
    return parse_tagged(render_tagged(spec), str(path), spec.name)
