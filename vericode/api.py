"""The library's entry points, and the one place that builds a model, a verifier and a
run folder from settings. Each command of the CLI calls one function here; a notebook
calls the same ones (``vericode.solve(...)``).

Nothing here decides anything: it loads, builds and hands over to the layer that
does the work (``repair`` for one problem, ``batch`` for many, ``spec`` for
formalizing, ``report`` for reading runs).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from vericode.batch.run import (
    RESULT_SETTINGS,
    BatchDisplay,
    Selection,
    Summary,
    bench,
    load_problems,
)
from vericode.batch.run import manifest as run_manifest
from vericode.batch.store import RunStore, StoredRun, load_run
from vericode.dafny.run.backends import open_verifier
from vericode.errors import BadInput
from vericode.llm.model import LiteLLMModel
from vericode.llm.types import ModelConfig
from vericode.problem.tagged import Problem, parse_tagged
from vericode.problem.tagged import load_problem as load_tagged_or_jsonl
from vericode.repair.loop import SolveOptions
from vericode.repair.loop import solve as repair_loop
from vericode.repair.outcome import Outcome
from vericode.repair.record import NoRecord, Recorder, RunRecord, Tee, default_folder
from vericode.report.summary import Difference, RunReport, compare, same_corpus, summarize
from vericode.seams import Model, Verifier
from vericode.settings import Settings
from vericode.spec.by_model import ModelClause
from vericode.spec.formalize import formalize, read_spec
from vericode.spec.report import FileReport
from vericode.spec.skeleton import render_tagged

__all__ = ["NoRecord", "bench_corpus", "formalize_file", "litellm_model", "load_any",
           "model_config", "read_runs", "solve", "solve_options", "solve_with"]

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
    """The litellm ``Model`` the settings name."""
    return LiteLLMModel(model_config(settings))


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
    model_config(settings)  # no model configured: say how, before any work
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
                         store, settings.jobs, display)


def formalize_file(path: Path, settings: Settings, model: Model | None = None) -> FileReport:
    """Formalize one ``.spec`` file with the verifier the settings choose; a spec that
    cannot be read is reported (exit 2) before Dafny is even looked for."""
    spec_file, formalized = read_spec_file(path, settings, model)
    with open_verifier(settings, jobs=settings.jobs, batch=False) as verifier:
        return formalize(spec_file, verifier, workers=settings.jobs, formalized=formalized)


def read_runs(folders: Sequence[Path], by: str | None = None
              ) -> tuple[list[StoredRun], list[RunReport], list[Difference]]:
    """The runs in ``folders``, each summarized (per group ``by``), and their differences;
    runs of different corpora cannot be compared."""
    runs = [load_run(Path(folder)) for folder in folders]
    if not same_corpus(runs):
        raise BadInput("these runs are of different corpora (or selections): compare runs "
                       "of one corpus, or report them one at a time")
    reports = [summarize(r, by) for r in runs]
    return runs, reports, compare(runs) if len(runs) > 1 else []
