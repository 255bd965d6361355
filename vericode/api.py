"""The library's entry points, and the one place that builds a model, a verifier and a
run folder from settings. Each command of the CLI calls one function here; a notebook
calls the same ones (``vericode.solve(...)``).

Nothing here decides anything: it loads, builds and hands over to the layer that
does the work (``repair`` for one problem, ``batch`` for many, ``spec`` for
formalizing, ``report`` for reading runs).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from vericode.audit import Audit, AuditStore, audit_problems, load_audited
from vericode.batch.run import (
    RESULT_SETTINGS,
    BatchDisplay,
    Selection,
    Summary,
    bench,
    load_problems,
)
from vericode.batch.run import manifest as run_manifest
from vericode.batch.store import RunStore, StoredRun, is_shard, load_run, merge_shards
from vericode.dafny.run.backends import open_verifier
from vericode.dafny.run.compile import compile_program, run_compiled, runtime_missing
from vericode.dafny.run.locate import DafnyInstall, find_dafny
from vericode.errors import BadInput
from vericode.llm.model import LiteLLMModel, no_key_error
from vericode.llm.types import ModelConfig
from vericode.problem.corpus import corpus_entries
from vericode.problem.corpus import load_problem as load_tagged_or_jsonl
from vericode.problem.tagged import Problem, parse_tagged
from vericode.repair.loop import SolveOptions
from vericode.repair.loop import solve as repair_loop
from vericode.repair.outcome import Outcome
from vericode.repair.record import NoRecord, Recorder, RunRecord, Tee, default_folder
from vericode.report.recheck import RecheckReport, recheck
from vericode.report.summary import Difference, RunReport, compare, same_corpus, summarize
from vericode.seams import Model, Verifier
from vericode.settings import Settings
from vericode.spec.by_model import ModelClause
from vericode.spec.draft import Draft, draft
from vericode.spec.example_main import example_main, runnable
from vericode.spec.formalize import formalize, read_spec
from vericode.spec.models import Spec
from vericode.spec.report import FileReport
from vericode.spec.skeleton import render_tagged

__all__ = [
    "NoRecord",
    "audit_corpus",
    "bench_corpus",
    "emit",
    "formalize_file",
    "litellm_model",
    "load_any",
    "model_config",
    "read_runs",
    "recheck_run",
    "solve",
    "solve_options",
    "solve_with",
]

NO_MODEL = """\
no model configured: this needs one. Any litellm model string works:
  --model openai/gpt-4.1                      with OPENAI_API_KEY set
  --model anthropic/<model name>              with ANTHROPIC_API_KEY set
  --model ollama_chat/qwen2.5-coder:7b        a local Ollama (start it: `ollama serve`)
  --model openai/<name> --api-base http://host:port/v1
                                              vLLM or any OpenAI-compatible server
or set VERICODE_MODEL (and VERICODE_API_BASE), or write `model = "…"` in vericode.toml
(or under [tool.vericode] in pyproject.toml)."""


# -- the model ---------------------------------------------------------------------------


def model_config(settings: Settings) -> ModelConfig:
    """The model part of ``settings``; no model configured is an error that says how."""
    if settings.model is None:
        raise BadInput(NO_MODEL)
    try:
        return ModelConfig(
            model=settings.model, api_base=settings.api_base, api_key=settings.api_key,
            temperature=settings.temperature, max_tokens=settings.max_tokens,
            timeout=settings.request_timeout, max_retries=settings.max_retries,
            price_in=settings.price_in, price_out=settings.price_out,
            cache=settings.llm_cache, cache_dir=settings.cache_dir)
    except ValidationError as exc:
        raise BadInput(f"model settings: {exc.errors()[0]['msg']}") from exc


def litellm_model(settings: Settings) -> Model:
    """The litellm ``Model`` the settings name; a provider key that is nowhere is an
    error now, before any run folder or problem is touched."""
    config = model_config(settings)
    if (missing := no_key_error(config)) is not None:
        raise missing
    return LiteLLMModel(config)


def solve_options(settings: Settings) -> SolveOptions:
    return SolveOptions(samples=settings.samples, attempts=settings.attempts,
                        max_cost=settings.max_cost, max_tokens_total=settings.max_tokens_total,
                        max_seconds=settings.max_seconds, history=settings.history)


# -- problems ----------------------------------------------------------------------------


def load_any(ref: str, settings: Settings | None = None, model: Model | None = None) -> Problem:
    """Load one problem from a path or ``corpus.jsonl#ID`` (a ``.spec`` is read the way
    ``settings.formalize`` says, its unreadable clauses by ``model`` if need be)."""
    base, _, name = ref.partition("#") if ".spec#" in ref else (ref, "", "")
    path = Path(base)
    if path.suffix == ".spec":
        return load_spec_problem(path, name or None, settings, model)
    if "#" not in ref and not path.exists():
        raise BadInput(f"{ref}: no such file")
    return load_tagged_or_jsonl(ref)


def read_spec_file(path: Path, settings: Settings,
                   model: Model | None = None) -> tuple[Any, tuple[ModelClause, ...]]:
    """A ``.spec`` file read and checked; with ``formalize = "llm"`` its unreadable
    clauses go to ``model`` (else the model the settings name)."""

    def chosen_model() -> tuple[Model, str]:
        name = model_config(settings).model
        return (model or litellm_model(settings)), name

    return read_spec(path, settings.formalize, settings.attempts, chosen_model)


def load_spec_problem(path: Path, name: str | None = None, settings: Settings | None = None,
                      model: Model | None = None) -> Problem:
    """The problem a ``.spec`` file describes (its only spec, or the one called ``name``)."""
    spec_file, formalized = read_spec_file(path, settings or Settings.load(), model)
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


# -- commands ----------------------------------------------------------------------------


def solve(problem: Problem | str | Path, model: str | Model | None = None, *,
          verifier: Verifier | str | None = None, display: Recorder | None = None,
          **options: Any) -> Outcome:
    """Solve one problem (a ``Problem``, a tagged ``.dfy``, a ``.spec``, ``corpus.jsonl#ID``).

    ``model`` is a litellm model string (or any ``Model``); ``options`` are ``Settings``
    fields (``attempts=3, samples=2, temperature=0.8, api_base=…, out=…``) and win over
    vericode.toml and the environment, exactly as the CLI's flags do. ``verifier`` is a
    ``Verifier`` to reuse (a warm pool) or, as in the settings, how Dafny runs (``local``).
    """
    if isinstance(verifier, str):
        options["verifier"], verifier = verifier, None
    flags = {**options, "model": model if isinstance(model, str) else None}
    return solve_with(problem, Settings.load(flags), model=None if isinstance(model, str)
                      else model, verifier=verifier, display=display)


def solve_with(problem: Problem | str | Path, settings: Settings, *, model: Model | None = None,
               verifier: Verifier | None = None, display: Recorder | None = None) -> Outcome:
    """The loop with everything built from ``settings``: the model, the verifier (a warm
    server), the run folder (``settings.out`` or ``runs/<time>-<id>/``)."""
    if not isinstance(problem, Problem):
        problem = load_any(str(problem), settings, model)
    model = model or litellm_model(settings)
    with contextlib.ExitStack() as stack:
        if verifier is None:
            verifier = stack.enter_context(open_verifier(settings, jobs=1))
        folder = settings.out or default_folder(problem.id)
        record: Recorder = RunRecord(folder)
        if display is not None:
            record = Tee(record, display)
        outcome = repair_loop(problem, model, verifier, solve_options(settings), record)
    return outcome.model_copy(update={"folder": str(folder)})


def bench_corpus(corpora: Sequence[Path], settings: Settings, folder: Path, *,
                 resume: bool = False, selection: Selection | None = None,
                 display: BatchDisplay | None = None) -> Summary:
    """Bench the model of ``settings`` on ``corpora`` into the run folder ``folder`` (a
    new one, or with ``resume`` the run there, which must match): the model, verifier
    and store built from the settings, as ``vericode bench`` does."""
    litellm_model(settings)  # no model, or no key for it: say how, before any work
    selection = selection or Selection()
    problems = load_problems(corpora, selection)
    with open_verifier(settings, jobs=settings.jobs) as verifier:
        options = solve_options(settings)
        recorded = {**{k: getattr(settings, k) for k in RESULT_SETTINGS}, **selection.options()}
        wanted = run_manifest(problems, str(settings.model), options, verifier, recorded,
                              {"api_base": settings.api_base,
                               "corpus": [str(Path(c).resolve()) for c in corpora]})
        with (RunStore.resume if resume else RunStore.create)(folder, wanted) as store:
            return bench(problems, lambda _: litellm_model(settings), verifier, options,
                         store, settings.concurrency, display)


def formalize_file(path: Path, settings: Settings, model: Model | None = None) -> FileReport:
    """Formalize one ``.spec`` file with the verifier the settings choose; a spec that
    cannot be read is reported (exit 2) before Dafny is even looked for."""
    spec_file, formalized = read_spec_file(path, settings, model)
    with open_verifier(settings, jobs=settings.jobs, batch=False) as verifier:
        return formalize(spec_file, verifier, workers=settings.jobs, formalized=formalized)


def read_runs(folders: Sequence[Path], by: str | None = None
              ) -> tuple[list[StoredRun], list[RunReport], list[Difference]]:
    """The runs in ``folders``, each summarized (per group ``by``), and their differences;
    runs of different corpora cannot be compared; the shards of one bench are merged
    into one run."""
    runs = [load_run(Path(folder)) for folder in folders]
    if any(is_shard(r) for r in runs):
        runs = [merge_shards(runs)]
    if not same_corpus(runs):
        raise BadInput("these runs are of different corpora (or selections): compare runs "
                       "of one corpus, or report them one at a time")
    reports = [summarize(r, by) for r in runs]
    return runs, reports, compare(runs) if len(runs) > 1 else []


def recheck_run(folder: Path, settings: Settings) -> RecheckReport:
    """Judge the solved programs of the run in ``folder`` again, against its corpus
    (as the manifest names it), with the verifier the settings choose and no cache."""
    stored = load_run(folder)
    corpora = [Path(c) for c in stored.manifest.extra.get("corpus", [])]
    missing = [str(c) for c in corpora if not c.exists()]
    if not corpora or missing:
        where = ", ".join(missing) or "none recorded"
        raise BadInput(f"{folder}: the run's corpus is not here ({where}); recheck needs "
                       "the problems the run solved")
    loaded = [e.load() for c in corpora for e in corpus_entries(c)]
    problems = {p.id: p for p in loaded if isinstance(p, Problem)}
    config = settings.model_copy(update={"cache": False})  # verify afresh, always
    with open_verifier(config, jobs=config.jobs) as verifier:
        return recheck(stored, verifier, problems, config.jobs)


def audit_corpus(refs: Sequence[str], settings: Settings, witness: str | None = None,
                 show: Callable[[Audit], None] | None = None) -> list[Audit]:
    """Audit every problem ``refs`` name (files, folders, corpora, ``corpus.jsonl#ID``),
    J at a time through the warm pool; problems that do not load are ``unusable``
    audits. ``show`` sees each audit as it ends."""
    loaded = load_audited(refs)
    if not loaded:
        raise BadInput("no problems to audit")
    problems = [p for p in loaded if not isinstance(p, Audit)]
    store = AuditStore(settings.cache_dir) if settings.cache else None
    with open_verifier(settings, jobs=min(settings.jobs, max(len(problems), 1))) as verifier:
        done = iter(audit_problems(problems, verifier, settings.jobs, witness, store, show))
    return [p if isinstance(p, Audit) else next(done) for p in loaded]


class Emitted(BaseModel):
    """Verified code compiled for a target, and the spec's examples run against it."""

    model_config = ConfigDict(extra="forbid")

    target: str
    files: list[str]
    examples: dict[int, bool] = Field(default_factory=dict)
    """Example number -> whether the compiled code's outputs equal the expected ones."""
    skipped: str = ""
    """Why the examples were not run (none, arrays, no runtime here)."""


def emit(problem_ref: str, program: str, target: str, folder: Path,
         settings: Settings) -> Emitted:
    """Compile the verified ``program`` of ``problem_ref`` for ``target`` into
    ``folder``/``target``; for a ``.spec`` with examples, run each against the code."""
    dafny = find_dafny(settings.dafny, settings.cache_dir)
    stem = Path(problem_ref.partition("#")[0]).stem or "program"
    code = compile_program(dafny, program, target, folder / target, stem)
    files = [str(p) for p in code.files]
    spec = _spec_of(problem_ref, settings)
    why = runnable(spec) if spec else "the problem is not a .spec with examples"
    if why is None and (why := runtime_missing(target)) is None and spec is not None:
        return Emitted(target=target, files=files,
                       examples=run_examples(dafny, program, spec, target, folder))
    return Emitted(target=target, files=files, skipped=why or "")


def run_examples(dafny: DafnyInstall, program: str, spec: Spec, target: str,
                 folder: Path) -> dict[int, bool]:
    """Each example of ``spec``: does ``program``, compiled for ``target``, agree?"""
    with_main = f"{program.rstrip()}\n\n{example_main(spec)}"
    compiled = compile_program(dafny, with_main, target, folder / target / "examples",
                               "examples")
    ran = run_compiled(compiled)
    found = {int(m[1]): m[2] == "true"
             for m in re.finditer(r"^example (\d+): (true|false)$", ran.output, re.M)}
    return {k: found.get(k, False) for k in range(1, len(spec.examples) + 1)}


def _spec_of(problem_ref: str, settings: Settings) -> Spec | None:
    base, _, name = problem_ref.partition("#")
    if Path(base).suffix != ".spec":
        return None
    spec_file, _ = read_spec_file(Path(base), settings)
    specs = [s for s in spec_file.specs if not name or s.name == name]
    return specs[0] if specs else None



def draft_spec(description: str, settings: Settings, *, rounds: int = 3,
               path: str = "draft.spec", model: Model | None = None) -> Draft:
    """A ``.spec`` the model of ``settings`` (or ``model``) drafts from ``description``:
    each answer read and checked as ``formalize`` does, with the verifier the settings
    choose, what fails fed back, at most ``rounds`` answers. Nothing is solved."""
    chosen = model or litellm_model(settings)  # no model, or no key: say how, now
    name = settings.model or type(chosen).__name__
    with open_verifier(settings, jobs=settings.jobs, batch=False) as verifier:
        return draft(description, chosen, name, verifier, rounds=rounds, path=path,
                     workers=settings.jobs)
