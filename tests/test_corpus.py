"""The shipped corpus passes its own check, and the vericoding importer round-trips."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from vericode.batch.corpus import check_corpus, check_problem, import_vericoding
from vericode.dafny.run.pool import ServerPool
from vericode.problem.corpus import load_corpus
from vericode.problem.tagged import parse_tagged
from vericode.seams import Verdict

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def test_every_shipped_problem_passes(pool: ServerPool) -> None:
    results = check_corpus(ROOT / "problems", pool, jobs=2)
    assert len(results) >= 60
    failures = {r.id: r.problems for r in results if not r.ok}
    assert failures == {}
    assert {r.reference for r in results} == {"solved"}
    assert {r.skeleton for r in results} == {Verdict.FAILED}


def test_corpus_covers_difficulties_and_topics() -> None:
    problems = load_corpus(ROOT / "problems")
    difficulties = {p.meta.get("difficulty") for p in problems}
    assert difficulties == {"easy", "medium", "hard"}
    tags = {t for p in problems for t in p.tags}
    assert {"loops", "arrays", "strings", "recursion", "lemmas", "datatypes",
            "modifies", "sorting"} <= tags
    assert all(p.description for p in problems)


def test_a_weak_or_broken_problem_is_reported(pool: ServerPool, tmp_path: Path) -> None:
    weak = (ROOT / "problems" / "abs_value.dfy").read_text().replace(
        "  ensures y >= 0\n  ensures y == x || y == -x\n", "  ensures true\n")
    (tmp_path / "weak.dfy").write_text(weak)
    result = check_problem(load_corpus(tmp_path)[0], pool, need_reference=True)
    assert result.skeleton is Verdict.VERIFIED
    assert any("too weak" in p for p in result.problems)
    assert any("no reference" in p for p in result.problems)


def test_import_vericoding_jsonl_round_trips(tmp_path: Path) -> None:
    source = FIXTURES / "vericoding" / "dafny_tasks_sample.jsonl"
    done = import_vericoding(source, tmp_path / "out")
    written = done.written
    originals = {p.id: p for p in load_corpus(source)}
    assert len(written) == len(originals) == 40 and done.unusable == []
    for path in written:
        imported = parse_tagged(path.read_text(), str(path))
        original = originals[path.stem]
        assert [(p.name, p.text) for p in imported.parts if p.text] == \
            [(p.name, p.text) for p in original.parts if p.text]
        assert imported.description.splitlines() == \
            [line.rstrip() for line in original.description.strip().splitlines()]
        assert imported.meta["source"] == json.loads(
            next(line for line in source.read_text().splitlines()
                 if f'"id": "{path.stem}"' in line))["source"]


def test_corpus_cli_import_then_check_without_references(tmp_path: Path) -> None:
    out = tmp_path / "imported"
    env = {**os.environ, "VERICODE_CACHE_DIR": str(tmp_path / "cache")}
    cli = [sys.executable, "-m", "vericode", "corpus"]
    done = subprocess.run([*cli, "import", "vericoding",
                           str(FIXTURES / "vericoding" / "dafny_tasks_sample.jsonl"),
                           "--out", str(out)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "wrote 40 problems" in done.stdout
    again = subprocess.run([*cli, "import", "vericoding", str(FIXTURES / "vericoding" /
                            "dafny_tasks_sample.jsonl"), "--out", str(out)],
                           capture_output=True, text=True, env=env)
    assert again.returncode == 2 and "already exists" in again.stderr
