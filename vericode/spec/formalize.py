"""The library call behind `vericode formalize`: parse, check names, render, and
check the examples with the verifier, all before any model is called."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from vericode.errors import BadInput
from vericode.seams import Model, Verifier
from vericode.spec.by_model import ModelClause, formalize_gaps
from vericode.spec.checks import run_checks
from vericode.spec.errors import SpecError, bad_input
from vericode.spec.gaps import read_with_gaps
from vericode.spec.models import SpecFile
from vericode.spec.parse import parse_spec_file, read_spec_file, read_spec_text
from vericode.spec.redundant import redundancy_checks
from vericode.spec.report import FileReport, SpecReport
from vericode.spec.scope import scope_notes
from vericode.spec.skeleton import Skeleton, build, render_tagged
from vericode.spec.validate import check_file, check_spec


def skeletons(spec_file: SpecFile) -> list[Skeleton]:
    """Check and render every spec of a file (``BadInput`` at the first error)."""
    try:
        for spec in spec_file.specs:
            check_spec(spec)
        check_file(spec_file.specs)
    except SpecError as exc:
        raise bad_input(spec_file.path, spec_file.text, exc) from None
    except RecursionError:
        raise BadInput(f"{spec_file.path}: a clause is nested too deeply") from None
    return [build(spec) for spec in spec_file.specs]


def read_spec(path: Path, mode: str, attempts: int,
              model: Callable[[], tuple[Model, str]]
              ) -> tuple[SpecFile, tuple[ModelClause, ...]]:
    """Read, check and (with ``mode == "llm"``) complete a ``.spec`` file: clauses the
    grammar cannot read go to the model ``model()`` gives (with its name); without a
    model configured (``model()`` raises) they are errors at their lines, as ever."""
    if mode == "grammar":
        spec_file = read_spec_file(path)
        skeletons(spec_file)
        return spec_file, ()
    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    spec_file, gaps = read_with_gaps(read_spec_text(path), str(path))
    if not gaps:
        return spec_file, ()
    try:
        chosen, name = model()
    except BadInput as exc:
        first = gaps[0]
        raise BadInput(f"{path}:{first.line}:{first.column}: --formalize llm sends this clause "
                       f"to a model, but {exc.message}") from None
    spec_file, records = formalize_gaps(spec_file, gaps, chosen, name, attempts)
    skeletons(spec_file)
    return spec_file, records


def formalize(spec_file: SpecFile, verifier: Verifier, workers: int | None = None,
              formalized: tuple[ModelClause, ...] = ()) -> FileReport:
    """Render every spec of a parsed file and run its checks (``workers`` Dafny runs
    side by side); ``formalized`` are the clauses a model wrote, for the report."""
    rendered = skeletons(spec_file)
    checks, result = run_checks(spec_file, rendered, verifier, workers)
    extra = redundancy_checks(spec_file.specs, rendered, verifier)
    specs = tuple(
        SpecReport(name=spec.name, line=spec.line, skeleton=skeleton.text,
                   tagged=render_tagged(spec), clauses=skeleton.clauses,
                   checks=(*found, *more, *scope_notes(spec)))
        for spec, skeleton, found, more in zip(spec_file.specs, rendered, checks, extra,
                                               strict=True))
    return FileReport(path=spec_file.path, specs=specs,
                      verifier=result.verifier_version if result else "",
                      seconds=result.seconds if result else 0.0, formalized=formalized)


def formalize_text(text: str, path: str, verifier: Verifier) -> FileReport:
    return formalize(parse_spec_file(text, path), verifier)
