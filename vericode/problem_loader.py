"""PROBLEM arguments as users write them: a tagged ``.dfy``, ``corpus.jsonl#ID``, or a
``.spec`` file (rendered to a tagged skeleton first, ``FILE.spec#NAME`` for one of
several specs in a file)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from vericode.errors import BadInput
from vericode.problem import Problem, load_problem, parse_tagged

if TYPE_CHECKING:
    from vericode import Model
    from vericode.config import Settings


def load_any(ref: str, settings: Settings | None = None, model: Model | None = None) -> Problem:
    """Load one problem from a path or ``corpus.jsonl#ID`` (a ``.spec`` is read the way
    ``settings.formalize`` says, its unreadable clauses by ``model`` if need be)."""
    base, _, name = ref.partition("#") if ".spec#" in ref else (ref, "", "")
    path = Path(base)
    if path.suffix == ".spec":
        return load_spec_problem(path, name or None, settings, model)
    if "#" not in ref and not path.exists():
        raise BadInput(f"{ref}: no such file")
    return load_problem(ref)


def load_spec_problem(path: Path, name: str | None = None, settings: Settings | None = None,
                      model: Model | None = None) -> Problem:
    """The problem a ``.spec`` file describes (its only spec, or the one called ``name``)."""
    from vericode.config import Settings
    from vericode.spec import render_tagged
    from vericode.spec.formalize import read_spec

    spec_file, formalized = read_spec(path, settings or Settings.load(), model)
    specs = list(spec_file.specs)
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
    problem = parse_tagged(render_tagged(spec), str(path), spec.name)
    by_model = [c for c in formalized if c.spec == spec.name]
    if by_model:
        lines = ", ".join(str(c.line) for c in by_model)
        problem.meta["formalized_by_model"] = f"{by_model[0].model}: line(s) {lines}"
    return problem
