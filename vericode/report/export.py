"""Per-problem rows of a stored run, for pandas (``vericode export``)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from vericode.batch.store import StoredRun
from vericode.report.summary import failure_kind

COLUMNS = ("problem", "source", "tags", "difficulty", "assumptions", "status", "solved",
           "verdict", "failure", "rounds", "attempts", "prompt_tokens", "completion_tokens",
           "cost_usd", "unknown_cost_calls", "seconds", "reason")


def rows(run: StoredRun) -> list[dict[str, Any]]:
    """One row per finished problem, in the manifest's order."""
    found = []
    for info in run.manifest.problems:
        result = run.results.get(info.id)
        if result is None:
            continue
        attempts = run.attempts.get(info.id, [])
        found.append({
            "problem": info.id, "source": info.source, "tags": ",".join(info.tags),
            "difficulty": info.difficulty, "assumptions": info.assumptions,
            "status": result.status, "solved": result.solved, "verdict": result.verdict,
            "failure": None if result.solved else failure_kind(result, attempts),
            "rounds": result.rounds, "attempts": result.attempts,
            "prompt_tokens": result.prompt_tokens,
            "completion_tokens": result.completion_tokens,
            "cost_usd": None if result.unknown_cost_calls else result.cost_usd,
            "unknown_cost_calls": result.unknown_cost_calls, "seconds": result.seconds,
            "reason": result.reason})
    return found


def jsonl_text(table: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(row) + "\n" for row in table)


def csv_text(table: list[dict[str, Any]]) -> str:
    """CSV with a header; None is an empty cell (pandas reads it as NaN)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in table:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()
