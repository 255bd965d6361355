"""Rendering reports: one list of titled tables, printed as rich, Markdown or JSON.

Every format shows the same tables (``sections``), so a number in the terminal is the
number in the Markdown and the HTML. JSON is the reports' fields themselves, for
scripts.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from vericode.report.summary import Difference, Rate, RunReport, SpendSummary


@dataclass(frozen=True)
class Section:
    """A titled table: one column per run when several runs are compared."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    note: str = ""


def percent(value: float) -> str:
    return f"{100 * value:.1f}%"


def rate_text(r: Rate) -> str:
    return f"{r.solved}/{r.total} = {percent(r.rate)} [{percent(r.low)}, {percent(r.high)}]"


def usd(value: float | None, unknown: int = 0) -> str:
    """Dollars; calls of unknown cost said beside them, and never shown as $0."""
    if value is None:
        return "unknown"
    if unknown and not value:
        return f"unknown ({unknown} call(s) of unknown cost)"
    return f"${value:.4f}" + (f" + {unknown} call(s) of unknown cost" if unknown else "")


def sections(reports: list[RunReport], differences: list[Difference]) -> list[Section]:
    """The tables of a report of one or more runs (same corpus), in reading order."""
    names = [r.name for r in reports]
    found = [overview(reports, names), spending(reports, names), curve(reports, names)]
    if any(r.pass_at_k for r in reports):
        found.append(pass_table(reports, names))
    found += [grouped(reports, names), failure_table(reports, names),
              unusable_table(reports, names)]
    if differences:
        found.append(Section("Solved by one run and not the other", ["solved by", "not by",
                             "problems"], [[d.solved_by, d.not_by, ", ".join(d.problems) or "-"]
                                           for d in differences]))
    return [s for s in found if s.rows]


def overview(reports: list[RunReport], names: list[str]) -> Section:
    rows = [["model", *(r.model for r in reports)],
            ["verifier", *(r.verifier for r in reports)],
            ["usable / total", *(f"{r.usable} / {r.problems}" for r in reports)],
            ["finished", *(f"{r.finished} of {r.usable}" for r in reports)],
            ["solve rate of usable (95% CI)", *(rate_text(r.overall) for r in reports)],
            ["resting on trusted assumptions", *(
                f"{r.assumptions.total} problem(s), {r.assumptions.solved} solved"
                for r in reports)]]
    return Section("Solve rate", ["", *names], rows)


def spending(reports: list[RunReport], names: list[str]) -> Section:
    def money(s: SpendSummary) -> list[str]:
        return [usd(s.cost_usd, s.unknown_cost_calls), usd(s.per_problem_usd),
                usd(s.per_solved_usd)]

    spends = [money(r.spend) for r in reports]
    rows = [["tokens (prompt + completion)", *(
                f"{r.spend.prompt_tokens + r.spend.completion_tokens} ({r.spend.prompt_tokens}"
                f" + {r.spend.completion_tokens})" for r in reports)],
            ["cost", *(s[0] for s in spends)], ["cost per problem", *(s[1] for s in spends)],
            ["cost per solved problem", *(s[2] for s in spends)],
            ["seconds per problem (mean / median / max)", *(
                f"{r.times.mean:.1f} / {r.times.median:.1f} / {r.times.max:.1f}"
                for r in reports)],
            ["seconds in all", *(f"{r.times.total:.1f}" for r in reports)]]
    return Section("Tokens, cost and time", ["", *names], rows,
                   "Every reply used is counted, also one the response cache gave back (paid "
                   "for once, perhaps by a run that a kill cut short); calls of unknown cost "
                   "are counted, never priced at zero.")


def curve(reports: list[RunReport], names: list[str]) -> Section:
    depth = max(len(r.solved_by_round) for r in reports)
    rows = [[f"by round {n}", *(_at(r.solved_by_round, n - 1, r.overall.total)
                                for r in reports)] for n in range(1, depth + 1)]
    return Section("Solved by round", ["", *names], rows)


def _at(values: list[int], index: int, total: int) -> str:
    value = values[min(index, len(values) - 1)] if values else 0
    return f"{value}/{total}"


def pass_table(reports: list[RunReport], names: list[str]) -> Section:
    depth = max(len(r.pass_at_k or []) for r in reports)
    rows = [[f"pass@{k}", *(percent(r.pass_at_k[k - 1]) if r.pass_at_k and k <= len(
        r.pass_at_k) else "-" for r in reports)] for k in range(1, depth + 1)]
    return Section("pass@k (first round's samples, Chen et al. 2021)", ["", *names], rows)


def grouped(reports: list[RunReport], names: list[str]) -> Section:
    keys = sorted({g for r in reports for g in r.groups})
    rows = [[g, *(rate_text(r.groups[g]) if g in r.groups else "-" for r in reports)]
            for g in keys]
    by = next((r.by for r in reports if r.by), "")
    return Section(f"Solve rate by {by}", [by, *names], rows)


def failure_table(reports: list[RunReport], names: list[str]) -> Section:
    kinds = sorted({k for r in reports for k in r.failures})
    rows = [[k, *(str(r.failures.get(k, 0)) for r in reports)] for k in kinds]
    return Section("Why the unsolved failed (last verdict)", ["", *names], rows)


def unusable_table(reports: list[RunReport], names: list[str]) -> Section:
    """The tasks that did not load, with the loader's reason (per run when compared)."""
    ids = sorted({i for r in reports for i in r.unusable})
    rows = [[i, *(r.unusable.get(i, "-") for r in reports)] for i in ids]
    return Section("Unusable problems (did not load; left out of every rate)",
                   ["problem", *(f"reason ({n})" if len(names) > 1 else "reason"
                                 for n in names)], rows)


# -- formats -------------------------------------------------------------------------------


def markdown(found: list[Section]) -> str:
    out = []
    for s in found:
        out += [f"## {s.title}", "", "| " + " | ".join(s.headers) + " |",
                "|" + "---|" * len(s.headers)]
        out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
                for row in s.rows]
        out += ["", s.note, ""] if s.note else [""]
    return "\n".join(out)


def as_json(reports: list[RunReport], differences: list[Difference]) -> str:
    data: dict[str, Any] = {
        "runs": [_with_rates(dataclasses.asdict(r)) for r in reports],
        "differences": [dataclasses.asdict(d) for d in differences]}
    return json.dumps(data, indent=2) + "\n"


def _with_rates(value: Any) -> Any:
    """Add ``rate`` beside every ``solved``/``total`` pair (a property asdict leaves out)."""
    if isinstance(value, dict):
        out = {k: _with_rates(v) for k, v in value.items()}
        if {"solved", "total", "low", "high"} <= set(out):
            out["rate"] = out["solved"] / out["total"] if out["total"] else 0.0
        return out
    if isinstance(value, list):
        return [_with_rates(v) for v in value]
    return value
