"""Reports: what a stored run says, computed from its folder and nothing else.

``summarize`` turns one stored run into a ``RunReport`` (solve rate with a Wilson
interval, overall and per group; pass@k; the solved-by-round curve; tokens, cost and
time; why the unsolved failed; trusted assumptions); ``compare`` lines several runs of
one corpus up. Both are pure functions of the stored runs, so a report re-made from
the same folders gives the same numbers. Rendering lives in ``report_render`` (table,
Markdown, JSON) and ``report_html``.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

from vericode.batch.store import ERROR, UNUSABLE, ProblemInfo, Result, StoredRun
from vericode.repair.outcome import Attempt
from vericode.report.stats import pass_at_k, wilson

GROUPINGS = ("tag", "source", "difficulty")
_VERDICT_KIND = {"parse_error": "parse", "unusable": "parse", "resolution_error": "resolution",
                 "failed": "verification", "timeout": "timeout", "crashed": "verifier crashed"}


@dataclass(frozen=True)
class Rate:
    """Solved of total, with the Wilson 95% interval."""

    solved: int
    total: int
    low: float
    high: float

    @property
    def rate(self) -> float:
        return self.solved / self.total if self.total else 0.0


@dataclass(frozen=True)
class SpendSummary:
    """Tokens and USD of every reply used (also those the response cache gave back:
    see ``Result.of``); calls of unknown cost are counted, never priced at zero."""

    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    unknown_cost_calls: int
    per_problem_usd: float | None
    per_solved_usd: float | None


@dataclass(frozen=True)
class Times:
    """Wall seconds per problem."""

    total: float
    mean: float
    median: float
    max: float


@dataclass
class RunReport:
    """Everything one run's report shows."""

    name: str
    model: str
    verifier: str
    problems: int
    """In the run's manifest (finished or not, usable or not)."""
    usable: int
    """Problems that loaded: every rate below is over these (``problems`` less the
    unusable ones)."""
    finished: int
    """Usable problems with an outcome."""
    overall: Rate
    by: str | None
    groups: dict[str, Rate]
    samples: int
    pass_at_k: list[float] | None
    """pass@1 … pass@N (N samples per round), None when N is 1."""
    rounds: int
    solved_by_round: list[int]
    """How many were solved by round 1, 2, …, ``rounds``."""
    spend: SpendSummary
    times: Times
    failures: dict[str, int]
    assumptions: Rate
    """The problems resting on trusted assumptions, and how many of them were solved."""
    solved_ids: list[str] = field(default_factory=list)
    unusable: dict[str, str] = field(default_factory=dict)
    """The tasks that did not load, each with the loader's message (line and column)."""


@dataclass(frozen=True)
class Difference:
    """Problems one run solved and another did not (same corpus)."""

    solved_by: str
    not_by: str
    problems: list[str]


def summarize(run: StoredRun, by: str | None = None) -> RunReport:
    """One run's report; tasks that did not load are listed apart and left out of every
    rate, time and cost (nothing ran for them)."""
    stored = [run.results[p.id] for p in run.manifest.problems if p.id in run.results]
    unusable = {r.problem: r.reason for r in stored if r.status == UNUSABLE}
    results = [r for r in stored if r.status != UNUSABLE]
    info = {p.id: p for p in run.manifest.problems}
    options = run.manifest.options
    samples, rounds = int(options.get("samples", 1)), int(options.get("attempts", 1))
    solved = [r for r in results if r.solved]
    return RunReport(
        name=run.name, model=run.manifest.model, verifier=run.manifest.verifier,
        problems=len(run.manifest.problems),
        usable=len(run.manifest.problems) - len(unusable), finished=len(results),
        overall=rate(len(solved), len(results)), by=by,
        groups=group_rates(results, info, by) if by else {}, samples=samples,
        pass_at_k=pass_curve(results, run.attempts, samples) if samples > 1 else None,
        rounds=rounds, solved_by_round=solved_by_round(results, rounds),
        spend=spend(results), times=times(results),
        failures=failures(results, run.attempts),
        assumptions=rate(sum(info[r.problem].assumptions > 0 for r in solved),
                         sum(info[r.problem].assumptions > 0 for r in results)),
        solved_ids=sorted(r.problem for r in solved), unusable=unusable)


def rate(solved: int, total: int) -> Rate:
    low, high = wilson(solved, total)
    return Rate(solved, total, low, high)


def group_rates(results: list[Result], info: dict[str, ProblemInfo], by: str) -> dict[str, Rate]:
    """Solve rate per group; a problem with several tags counts in each."""
    counts: dict[str, list[int]] = {}
    for result in results:
        for group in groups_of(info[result.problem], by):
            tally = counts.setdefault(group, [0, 0])
            tally[0] += result.solved
            tally[1] += 1
    return {g: rate(s, t) for g, (s, t) in sorted(counts.items())}


def groups_of(problem: ProblemInfo, by: str) -> list[str]:
    if by == "tag":
        return problem.tags or ["(no tag)"]
    if by == "difficulty":
        return [problem.difficulty or "(unknown)"]
    if by == "source":
        source = problem.source.partition("#")[0]
        return [str(PurePath(source).parent) if source.endswith(".dfy") else source or "?"]
    raise ValueError(f"--by {by}: group by one of {', '.join(GROUPINGS)}")


def pass_curve(results: list[Result], attempts: dict[str, list[Attempt]],
               samples: int) -> list[float]:
    """pass@k for k = 1..samples from the first round's samples, averaged over problems.

    The loop stops a round at its first verified sample, so the samples on record are a
    prefix of the round, cut where one verified. Chen's estimator over all n drawn
    samples would then be biased (n depends on the outcome); over the first k samples
    (n = k) it is unbiased whatever the stopping, and that is what is computed. A
    problem whose round ended before k samples without a verified one (a model error,
    a budget) counts as not passing.
    """
    if not results:
        return [0.0] * samples
    firsts = {r.problem: sorted((a for a in attempts.get(r.problem, []) if a.round == 1),
                                key=lambda a: a.sample) for r in results}
    return [statistics.fmean(first_k(firsts[r.problem], k) for r in results)
            for k in range(1, samples + 1)]


def first_k(round_one: list[Attempt], k: int) -> float:
    """Chen's estimator with n = k on the first k samples of a round."""
    drawn = round_one[:k]
    correct = sum(a.solved for a in drawn)
    if len(drawn) < k and not correct:
        return 0.0
    return pass_at_k(k, min(k, correct), k)


def solved_by_round(results: list[Result], rounds: int) -> list[int]:
    last = max([rounds, *(r.rounds for r in results if r.solved)])
    return [sum(1 for r in results if r.solved and r.rounds <= n) for n in range(1, last + 1)]


def spend(results: list[Result]) -> SpendSummary:
    cost = sum(r.cost_usd for r in results)
    unknown = sum(r.unknown_cost_calls for r in results)
    solved = sum(r.solved for r in results)
    known = not unknown
    return SpendSummary(prompt_tokens=sum(r.prompt_tokens for r in results),
                 completion_tokens=sum(r.completion_tokens for r in results),
                 cost_usd=cost, unknown_cost_calls=unknown,
                 per_problem_usd=cost / len(results) if results and known else None,
                 per_solved_usd=cost / solved if solved and known else None)


def times(results: list[Result]) -> Times:
    seconds = [r.seconds for r in results] or [0.0]
    return Times(total=sum(seconds), mean=statistics.fmean(seconds),
                 median=statistics.median(seconds), max=max(seconds))


def failures(results: list[Result], attempts: dict[str, list[Attempt]]) -> dict[str, int]:
    """Why each unsolved problem failed: how its run ended, else its last verdict."""
    kinds = Counter(failure_kind(r, attempts.get(r.problem, [])) for r in results
                    if not r.solved)
    return dict(sorted(kinds.items(), key=lambda item: (-item[1], item[0])))


def failure_kind(result: Result, attempts: list[Attempt]) -> str:
    if result.status == ERROR:
        return "crash"
    if result.status == UNUSABLE:
        return "unusable"
    if result.status == "model_error":
        return "model error"
    if not attempts:
        return "no attempt"
    last = attempts[-1]
    if last.verdict == "refused":
        rules = sorted({v.rule for v in last.violations}) or ["?"]
        return f"gate refusal: {', '.join(rules)}"
    return _VERDICT_KIND.get(last.verdict, last.verdict)


def compare(runs: list[StoredRun]) -> list[Difference]:
    """For each ordered pair of runs, the problems the first solved and the second did not
    (only problems both finished)."""
    differences = []
    for a in runs:
        for b in runs:
            if a is b:
                continue
            both = set(a.results) & set(b.results)
            only = sorted(p for p in both if a.results[p].solved and not b.results[p].solved)
            differences.append(Difference(a.name, b.name, only))
    return differences


def same_corpus(runs: list[StoredRun]) -> bool:
    return len({r.manifest.corpus_hash for r in runs}) <= 1
