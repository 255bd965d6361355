"""The library call behind `vericode formalize`: parse, check names, render, and
check the examples with the verifier, all before any model is called."""

from __future__ import annotations

from pathlib import Path

from vericode import Verifier
from vericode.config import Settings
from vericode.errors import BadInput
from vericode.spec.checks import run_checks
from vericode.spec.errors import SpecError, bad_input
from vericode.spec.models import SpecFile
from vericode.spec.names import check_spec
from vericode.spec.parse import parse_spec_file, read_spec_file
from vericode.spec.report import FileReport, SpecReport
from vericode.spec.skeleton import Skeleton, build, render_tagged


def skeletons(spec_file: SpecFile) -> list[Skeleton]:
    """Check and render every spec of a file (``BadInput`` at the first error)."""
    try:
        for spec in spec_file.specs:
            check_spec(spec)
    except SpecError as exc:
        raise bad_input(spec_file.path, spec_file.text, exc) from None
    except RecursionError:
        raise BadInput(f"{spec_file.path}: a clause is nested too deeply") from None
    return [build(spec) for spec in spec_file.specs]


def formalize(spec_file: SpecFile, verifier: Verifier,
              workers: int | None = None) -> FileReport:
    """Render every spec of a parsed file and run its checks (``workers`` Dafny runs
    side by side)."""
    rendered = skeletons(spec_file)
    checks, result = run_checks(spec_file, rendered, verifier, workers)
    specs = tuple(
        SpecReport(name=spec.name, line=spec.line, skeleton=skeleton.text,
                   tagged=render_tagged(spec), clauses=skeleton.clauses, checks=tuple(found))
        for spec, skeleton, found in zip(spec_file.specs, rendered, checks, strict=True))
    return FileReport(path=spec_file.path, specs=specs,
                      verifier=result.verifier_version if result else "",
                      seconds=result.seconds if result else 0.0)


def formalize_text(text: str, path: str, verifier: Verifier) -> FileReport:
    return formalize(parse_spec_file(text, path), verifier)


def formalize_file(path: Path, settings: Settings) -> FileReport:
    """Formalize one ``.spec`` file with the verifier the settings choose; a spec that
    cannot be read is reported (exit 2) before Dafny is even looked for."""
    from vericode.dafny.backends import open_verifier

    spec_file = read_spec_file(path)
    skeletons(spec_file)
    with open_verifier(settings, jobs=settings.jobs, batch=False) as verifier:
        return formalize(spec_file, verifier, workers=settings.jobs)
