"""`vericode bench`, `report`, `export` and `recheck` as users run them, on the scripted
corpus of conftest.py: the numbers of the report are the script's, checked by hand."""

from __future__ import annotations

import csv
import io
import json
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.bench.conftest import ABS_RIGHT, CORPUS, EVEN_WRONG, bench_args, finish, script, vericode
from tests.llm.scripted_server import Hang, ScriptedServer
from vericode.report.stats import wilson


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, ScriptedServer]]:
    """One uninterrupted bench of the corpus, shared by the tests that read it."""
    folder = tmp_path_factory.mktemp("reference")
    with ScriptedServer(script()) as server:
        out = finish(vericode(*bench_args(server, "--out", str(folder / "run")),
                              cache=folder / "cache"), 3)
        assert "solved 3 of the 6 problem(s) run" in out
        yield folder / "run", server


def report_json(*args: str, cache: Path) -> Any:
    return json.loads(finish(vericode("report", *args, "--format", "json", cache=cache)))


def test_the_report_matches_the_script(reference: tuple[Path, ScriptedServer],
                                       tmp_path: Path) -> None:
    folder, server = reference
    assert server.count == 11  # 1 + 2 + 3 + 3 + 1 (the 401, never retried) + 1
    [run] = report_json(str(folder), "--by", "tag", cache=tmp_path)["runs"]
    overall = run["overall"]
    assert (overall["solved"], overall["total"]) == (3, 6)
    assert (overall["low"], overall["high"]) == pytest.approx(wilson(3, 6))
    assert overall["low"] == pytest.approx(0.18761, abs=1e-5)
    groups = {name: (g["solved"], g["total"]) for name, g in run["groups"].items()}
    assert groups == {"arithmetic": (2, 4), "math": (0, 2), "sequences": (0, 1),
                      "library": (1, 1)}
    assert run["solved_by_round"] == [2, 3, 3]
    assert run["pass_at_k"] is None and run["samples"] == 1
    spend = run["spend"]
    assert (spend["prompt_tokens"], spend["completion_tokens"]) == (1000, 500)
    assert spend["cost_usd"] == pytest.approx(10 * 0.0002)
    assert spend["per_problem_usd"] == pytest.approx(0.002 / 6)
    assert spend["per_solved_usd"] == pytest.approx(0.002 / 3)
    assert spend["unknown_cost_calls"] == 0
    assert run["failures"] == {"gate refusal: assume": 1, "model error": 1, "verification": 1}
    assert (run["assumptions"]["solved"], run["assumptions"]["total"]) == (1, 1)
    assert run["solved_ids"] == ["abs_value", "clamp_value", "trusted_library"]
    assert (run["finished"], run["problems"]) == (6, 6)


def test_difficulty_groups_and_the_other_formats(reference: tuple[Path, ScriptedServer],
                                                 tmp_path: Path) -> None:
    folder, _ = reference
    [run] = report_json(str(folder), "--by", "difficulty", cache=tmp_path)["runs"]
    assert {k: (g["solved"], g["total"]) for k, g in run["groups"].items()} == {
        "easy": (2, 3), "medium": (0, 2), "hard": (1, 1)}
    table = finish(vericode("report", str(folder), cache=tmp_path))
    assert "3/6 = 50.0% [18.8%, 81.2%]" in table and "gate refusal: assume" in table
    markdown = finish(vericode("report", str(folder), "--format", "markdown", "--by", "tag",
                               cache=tmp_path))
    assert "| arithmetic | 2/4 = 50.0%" in markdown
    assert "| by round 1 | 2/6 |" in markdown
    assert "| cost per solved problem | $0.0007 |" in markdown


def test_html_is_one_self_contained_file(reference: tuple[Path, ScriptedServer],
                                         tmp_path: Path) -> None:
    folder, _ = reference
    out = tmp_path / "report.html"
    finish(vericode("report", str(folder), str(folder), "--format", "html", "--by", "tag",
                    "--out", str(out), cache=tmp_path))
    page = out.read_text()
    assert page.count("<svg") == 3 and "3/6 = 50.0%" in page
    for external in ("<script", "<link", "src=", "url(", "@import"):
        assert external not in page
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_export_has_one_row_per_problem(reference: tuple[Path, ScriptedServer],
                                        tmp_path: Path) -> None:
    folder, _ = reference
    rows = list(csv.DictReader(io.StringIO(finish(vericode(
        "export", str(folder), "--format", "csv", cache=tmp_path)))))
    by_id = {r["problem"]: r for r in rows}
    assert list(by_id) == ["abs_value", "clamp_value", "div_mod", "is_even", "last_element",
                           "trusted_library"]
    assert (by_id["clamp_value"]["status"], by_id["clamp_value"]["rounds"]) == ("solved", "2")
    assert by_id["div_mod"]["failure"] == "model error" and by_id["div_mod"]["attempts"] == "0"
    assert by_id["last_element"]["failure"] == "gate refusal: assume"
    lines = finish(vericode("export", str(folder), cache=tmp_path)).splitlines()
    assert [json.loads(line)["solved"] for line in lines] == [True, True, False, False, False,
                                                                True]


def test_recheck_reports_changed_verdicts(reference: tuple[Path, ScriptedServer],
                                          tmp_path: Path) -> None:
    folder, _ = reference
    same = json.loads(finish(vericode("recheck", str(folder), "--json", cache=tmp_path)))
    assert [c["after"] for c in same["checks"]] == ["verified"] * 3 and same["changed"] == []
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    outcomes = copy / "outcomes.jsonl"
    outcomes.write_text(outcomes.read_text().replace("y := -x;", "y := x;"))
    changed = json.loads(finish(vericode("recheck", str(copy), "--json", cache=tmp_path), 1))
    assert changed["changed"] == ["abs_value"]


def test_resume_with_other_options_or_corpus_is_refused(reference: tuple[Path, ScriptedServer],
                                                        tmp_path: Path) -> None:
    folder, server = reference
    before = (folder / "outcomes.jsonl").read_text()
    process = vericode(*bench_args(server, "--resume", str(folder), "--attempts", "4"),
                       cache=tmp_path)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 2
    assert "option --attempts was 3 in that run and is 4 now" in " ".join(err.split())
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "is_even.dfy").write_text((corpus / "is_even.dfy").read_text() + "\n")
    args = bench_args(server, "--resume", str(folder))
    args[1] = str(corpus)
    process = vericode(*args, cache=tmp_path)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 2 and "the corpus differs" in err
    assert (folder / "outcomes.jsonl").read_text() == before


def test_ctrl_c_ends_the_batch_leaving_problems_under_way_unfinished(tmp_path: Path) -> None:
    steps = {**script(), "clamp_value": [Hang(60)]}
    run = tmp_path / "run"
    with ScriptedServer(steps) as server:
        process = vericode(*bench_args(server, "--out", str(run), "--jobs", "1",
                                       "--concurrency", "1",
                                       "--request-timeout", "2", "--filter", "*_value",
                                       "--filter", "is_even"), cache=tmp_path)
        deadline = time.monotonic() + 120
        while not server.for_route("clamp_value"):
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        assert not server.for_route("is_even")  # nothing new was started
    assert process.returncode == 130, err
    outcomes = [json.loads(line) for line in (run / "outcomes.jsonl").read_text().splitlines()]
    assert [(o["problem"], o["status"]) for o in outcomes] == [("abs_value", "solved")]


def test_several_corpora_folder_and_jsonl_grouped_by_source(tmp_path: Path) -> None:
    steps = {"abs_value": [ABS_RIGHT], "j_abs": [ABS_RIGHT], "j_even": [EVEN_WRONG] * 3}
    with ScriptedServer(steps) as server:
        args = bench_args(server, "--out", str(tmp_path / "run"), "--filter", "abs_value",
                          "--filter", "j_*", "--json")
        args.insert(2, str(CORPUS / "extra.jsonl"))
        done = json.loads(finish(vericode(*args, cache=tmp_path)))
    assert (done["ran"], done["solved"]) == (3, 2)
    [run] = report_json(str(tmp_path / "run"), "--by", "source", cache=tmp_path)["runs"]
    assert {k: (g["solved"], g["total"]) for k, g in run["groups"].items()} == {
        str(CORPUS): (1, 1), str(CORPUS / "extra.jsonl"): (1, 2)}
    [run] = report_json(str(tmp_path / "run"), "--by", "tag", cache=tmp_path)["runs"]
    assert {k: (g["solved"], g["total"]) for k, g in run["groups"].items()} == {
        "arithmetic": (2, 2), "jsonl": (1, 2)}


def test_recheck_judges_stored_programs_through_the_gate(reference: tuple[Path, ScriptedServer],
                                                         tmp_path: Path) -> None:
    folder, _ = reference
    copy = tmp_path / "cheat"
    shutil.copytree(folder, copy)
    outcomes = copy / "outcomes.jsonl"
    outcomes.write_text(outcomes.read_text().replace("y := -x;", "assume false;"))
    changed = json.loads(finish(vericode("recheck", str(copy), "--json", cache=tmp_path), 1))
    assert changed["changed"] == ["abs_value"]
    after = {c["problem"]: c for c in changed["checks"]}["abs_value"]
    assert after["after"] == "refused" and any("assume" in e for e in after["errors"])


def test_shards_of_one_bench_report_as_the_whole(reference: tuple[Path, ScriptedServer],
                                                 tmp_path: Path) -> None:
    folder, _ = reference
    shards = [tmp_path / "shard1", tmp_path / "shard2"]
    with ScriptedServer(script()) as server:
        for k, shard in enumerate(shards, 1):
            process = vericode(*bench_args(server, "--out", str(shard), "--shard", f"{k}/2"),
                               cache=tmp_path / "cache")
            _, err = process.communicate(timeout=240)
            assert process.returncode in (0, 3), err
    ids = [{r["problem"] for r in map(json.loads, (s / "outcomes.jsonl").read_text().splitlines())}
           for s in shards]
    assert ids[0] and ids[1] and not ids[0] & ids[1]  # disjoint slices that cover it
    [merged] = report_json(*map(str, shards), cache=tmp_path)["runs"]
    [whole] = report_json(str(folder), cache=tmp_path)["runs"]
    assert (merged["overall"]["solved"], merged["overall"]["total"]) == (
        whole["overall"]["solved"], whole["overall"]["total"]) == (3, 6)
    mixed = vericode("report", str(shards[0]), str(folder), cache=tmp_path)
    _, err = mixed.communicate(timeout=120)
    assert mixed.returncode == 2 and "not the shards of one bench" in err
    bad = vericode(*bench_args(server, "--shard", "3/2"), cache=tmp_path)
    _, err = bad.communicate(timeout=120)
    assert bad.returncode == 2 and "K/N" in err
