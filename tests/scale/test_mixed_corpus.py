"""A corpus that mixes broken and good tasks, run end to end as users run it.

tests/fixtures/scale/mixed.jsonl holds two good tasks and four that do not load:

==============  ==============================================  ==========================
task            what is in it                                   expected
==============  ==============================================  ==========================
mix_abs         a sound spec; the script answers right          solved in round 1
mix_chatter     "Looking at the error, ..." pasted in preamble   unusable, line 5 column 1
mix_even        a sound spec; the script answers wrong twice    not solved: verification
mix_empty_spec  an empty vc-spec                                unusable, its JSONL line
(line 5)        a torn line, not JSON                           unusable, ``mixed.jsonl:5``
mix_split       a function's contract left in the preamble      unusable, line 6 column 3
==============  ==============================================  ==========================

Real Dafny, the real litellm client against the scripted server, no mocks.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from tests.bench.conftest import fenced, finish, vericode
from tests.llm.scripted_server import ScriptedServer
from vericode.batch.run import Selection, load_problems, select
from vericode.problem.corpus import Entry, Unusable, corpus_entries
from vericode.problem.tagged import Problem

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "scale"
MIXED, GOOD, BROKEN = FIXTURES / "mixed.jsonl", FIXTURES / "good.jsonl", FIXTURES / "broken.jsonl"
ABS = fenced("method Abs(x: int) returns (y: int)\n{\n  if x < 0 { y := -x; } else { y := x; }\n}")
EVEN_WRONG = fenced("method IsEven(x: int) returns (b: bool)\n{\n  b := x % 2 == 1;\n}")
REASONS = {
    "mix_chatter": f"{MIXED}#mix_chatter:5:1: unexpected 'Looking'; expected a declaration",
    "mix_empty_spec": f"{MIXED}:4:1: the vc-spec part is empty",
    "mixed.jsonl:5": f"{MIXED}:5:31: not JSON",
    "mix_split": f"{MIXED}#mix_split:6:3: unexpected 'ensures'; expected a declaration",
}
MODEL = ("--model", "openai/scripted", "--api-key", "test", "--attempts", "2", "--no-cache",
         "--max-retries", "0", "--price-in", "1", "--price-out", "2")



def test_bench_runs_every_good_task_and_reports_every_task(tmp_path: Path) -> None:
    run = tmp_path / "run"
    with ScriptedServer({"mix_abs": [ABS], "mix_even": [EVEN_WRONG] * 2}) as server:
        out = finish(vericode("bench", str(MIXED), *MODEL, "--api-base", server.base_url,
                              "--jobs", "2", "--out", str(run), cache=tmp_path / "c"))
        assert server.count == 3  # 1 for mix_abs, 2 for mix_even; none for a broken task
    assert "solved 1 of the 2 problem(s) run; 4 task(s) did not load" in out
    [report] = _report(run, tmp_path)["runs"]
    assert (report["problems"], report["usable"], report["finished"]) == (6, 2, 2)
    assert (report["overall"]["solved"], report["overall"]["total"]) == (1, 2)
    assert report["solved_ids"] == ["mix_abs"]
    assert report["failures"] == {"verification": 1}
    assert set(report["unusable"]) == set(REASONS)
    for task, reason in REASONS.items():
        assert report["unusable"][task].startswith(reason), task
    again = finish(vericode("bench", "--resume", str(run), "--api-base", server.base_url,
                            cache=tmp_path / "c"))
    assert "6 finished earlier, skipped" in again


def test_every_format_shows_usable_of_total_and_the_reasons(tmp_path: Path) -> None:
    run = tmp_path / "run"
    with ScriptedServer({"mix_abs": [ABS], "mix_even": [EVEN_WRONG] * 2}) as server:
        finish(vericode("bench", str(MIXED), *MODEL, "--api-base", server.base_url,
                        "--out", str(run), cache=tmp_path / "c"))
    table = finish(vericode("report", str(run), cache=tmp_path))
    markdown = finish(vericode("report", str(run), "--format", "markdown", cache=tmp_path))
    html = finish(vericode("report", str(run), "--format", "html", cache=tmp_path))
    assert "| usable / total | 2 / 6 |" in markdown
    assert "| solve rate of usable (95% CI) | 1/2 = 50.0%" in markdown
    assert "## Unusable problems" in markdown and "| mix_split | " in markdown
    for shown in (table, html):
        assert "2 / 6" in shown and "mix_chatter" in shown and "Unusable problems" in shown
    assert "unexpected &#x27;Looking&#x27;" in html
    rows = list(csv.DictReader(io.StringIO(finish(vericode(
        "export", str(run), "--format", "csv", cache=tmp_path)))))
    status = {r["problem"]: (r["status"], r["failure"]) for r in rows}
    assert status == {"mix_abs": ("solved", ""), "mix_even": ("not_solved", "verification"),
                      **{t: ("unusable", "unusable") for t in REASONS}}
    assert all(r["reason"].startswith(REASONS[r["problem"]]) for r in rows
               if r["problem"] in REASONS)


def test_filter_and_limit_choose_tasks_before_any_is_loaded() -> None:
    entries = corpus_entries(MIXED)
    assert all(isinstance(e, Entry) for e in entries)
    assert [e.id for e in select(entries, ["mix_*"], limit=3)] == [
        "mix_abs", "mix_chatter", "mix_even"]
    assert [e.id for e in select(entries, ["tag:arithmetic"])] == ["mix_abs", "mix_even"]
    [only] = load_problems([MIXED], Selection(patterns=("mix_even",)))
    assert isinstance(only, Problem) and only.id == "mix_even"
    chosen = load_problems([MIXED], Selection(limit=2))
    assert [type(t) for t in chosen] == [Problem, Unusable]


def test_a_selection_of_only_broken_tasks_is_refused(tmp_path: Path) -> None:
    process = vericode("bench", str(BROKEN), *MODEL, "--api-base", "http://127.0.0.1:9",
                       "--out", str(tmp_path / "run"), cache=tmp_path / "c")
    _, err = process.communicate(timeout=120)
    assert process.returncode == 2
    assert "none of the 2 selected problem(s) loads" in err and "vc-spec part is empty" in err


def test_corpus_check_reports_each_bad_task_and_checks_the_good(tmp_path: Path) -> None:
    data = json.loads(finish(vericode("corpus", "check", str(MIXED), "--no-reference-needed",
                                      "--json", cache=tmp_path), 1))
    assert {c["id"]: c["skeleton"] for c in data["problems"]} == {
        "mix_abs": "failed", "mix_even": "failed"}
    assert {u["id"] for u in data["unusable"]} == set(REASONS) and data["ok"] is False
    text = finish(vericode("corpus", "check", str(MIXED), "--no-reference-needed",
                           cache=tmp_path), 1)
    assert "UNUSABLE mix_split" in text and "2/6 problems pass; 4 unusable" in text
    finish(vericode("corpus", "check", str(GOOD), "--no-reference-needed", cache=tmp_path), 0)
    process = vericode("corpus", "check", str(BROKEN), cache=tmp_path)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 2 and "UNUSABLE mix_chatter" in out and "none of the 2" in err


def test_corpus_import_writes_the_good_and_lists_the_bad(tmp_path: Path) -> None:
    data = json.loads(finish(vericode("corpus", "import", "vericoding", str(MIXED), "--out",
                                      str(tmp_path / "out"), "--json", cache=tmp_path), 1))
    assert sorted(Path(p).name for p in data["written"]) == ["mix_abs.dfy", "mix_even.dfy"]
    assert {u["id"]: u["reason"][:len(REASONS[u["id"]])] for u in data["unusable"]} == REASONS
    finish(vericode("corpus", "import", "vericoding", str(GOOD), "--out",
                    str(tmp_path / "good"), cache=tmp_path), 0)
    process = vericode("corpus", "import", "vericoding", str(BROKEN), "--out",
                       str(tmp_path / "none"), cache=tmp_path)
    out, _ = process.communicate(timeout=120)
    assert process.returncode == 2 and "UNUSABLE mix_empty_spec" in out
    assert not (tmp_path / "none").exists()


def _report(run: Path, cache: Path) -> Any:
    return json.loads(finish(vericode("report", str(run), "--format", "json", cache=cache)))
