"""The local verifier against the real Dafny: one program per verdict, exact lines."""

from __future__ import annotations

import dataclasses
import threading
import time
import uuid
from pathlib import Path

import pytest
from processes import marked_processes

from vericode.dafny.run.locate import DafnyInstall, find_dafny
from vericode.dafny.run.verifier import LocalVerifier, VerifyOptions
from vericode.errors import ToolMissing
from vericode.seams import Verdict, VerifyResult
from vericode.settings import Settings

PROGRAMS = Path(__file__).parent.parent / "fixtures" / "programs"


def verify(verifier: LocalVerifier, name: str) -> VerifyResult:
    return verifier.verify((PROGRAMS / name).read_text(), name)


def lines(result: VerifyResult) -> list[tuple[int, int]]:
    return [(d.location.line, d.location.column) for d in result.diagnostics]


def test_verified_program_in_dafny4_syntax(verifier: LocalVerifier) -> None:
    result = verify(verifier, "verified.dfy")
    assert result.verdict is Verdict.VERIFIED, result.output
    assert result.diagnostics == []
    assert "0 errors" in result.summary
    assert result.verifier_version.startswith("Dafny 2.3")


def test_failed_program_points_at_lines_and_postconditions(verifier: LocalVerifier) -> None:
    result = verify(verifier, "failing.dfy")
    assert result.verdict is Verdict.FAILED
    assert lines(result) == [(7, 10), (23, 3)]
    abs_error = result.diagnostics[0]
    assert abs_error.code == "BP5003"
    assert abs_error.location.file == "failing.dfy"
    assert abs_error.location.source_line == "  } else {"
    related = abs_error.related[0]
    assert (related.location.line, related.location.column) == (2, 13)
    assert related.location.source_line == "  ensures y >= 0"
    assert "postcondition" in related.message


def test_parse_error(verifier: LocalVerifier) -> None:
    result = verify(verifier, "parse_error.dfy")
    assert result.verdict is Verdict.PARSE_ERROR
    assert lines(result) == [(3, 11)]
    assert result.diagnostics[0].kind == "parse"


def test_resolution_error(verifier: LocalVerifier) -> None:
    result = verify(verifier, "resolution_error.dfy")
    assert result.verdict is Verdict.RESOLUTION_ERROR
    assert lines(result) == [(4, 8)]
    assert "undefinedName" in result.diagnostics[0].message


def test_shim_maps_columns_back_on_rewritten_lines(verifier: LocalVerifier) -> None:
    result = verify(verifier, "shim_needed.dfy")
    assert result.verdict is Verdict.FAILED, result.output
    assert lines(result) == [(21, 18), (24, 32), (25, 38)]
    assert [d.location.source_line[d.location.column - 1] for d in result.diagnostics] == \
        ["=", "/", "%"]


def test_genuine_timeout_under_a_short_limit(settings: Settings) -> None:
    verifier = LocalVerifier.from_settings(settings.model_copy(update={"timeout": 2}))
    result = verify(verifier, "timeout.dfy")
    assert result.verdict is Verdict.TIMEOUT
    assert result.diagnostics[0].kind == "timeout"
    assert result.diagnostics[0].location.line == 4
    assert "'Hard' timed out" in result.diagnostics[0].message


def test_wall_clock_kill_leaves_no_process(settings: Settings,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    marker = f"VERICODE_TEST_MARKER={uuid.uuid4()}"
    monkeypatch.setenv("VERICODE_TEST_MARKER", marker.split("=", 1)[1])
    verifier = LocalVerifier.from_settings(
        settings.model_copy(update={"timeout": 100, "wall_timeout": 3.0}))
    seen: set[int] = set()

    def look() -> None:  # poll until both Dafny (mono) and z3 have been seen, or the kill
        deadline = time.monotonic() + 2.8
        while time.monotonic() < deadline and len(seen) < 2:
            seen.update(marked_processes(marker))
            time.sleep(0.05)

    watcher = threading.Thread(target=look)
    watcher.start()
    started = time.monotonic()
    result = verify(verifier, "timeout.dfy")
    watcher.join()
    assert result.verdict is Verdict.TIMEOUT
    assert "wall-clock" in result.summary
    assert time.monotonic() - started < 10
    assert len(seen) >= 2, "Dafny (mono) and z3 should have been running"
    time.sleep(0.2)
    assert marked_processes(marker) == []


def test_second_verification_comes_from_the_cache(verifier: LocalVerifier) -> None:
    first = verify(verifier, "failing.dfy")
    second = verify(verifier, "failing.dfy")
    assert (first.cached, second.cached) == (False, True)
    assert second.diagnostics == first.diagnostics
    assert second.verdict is first.verdict


def test_cache_key_includes_options(settings: Settings) -> None:
    LocalVerifier.from_settings(settings).verify("method M() {}", "m.dfy")
    other = LocalVerifier.from_settings(settings.model_copy(update={"timeout": 11}))
    assert not other.verify("method M() {}", "m.dfy").cached
    assert other.verify("method M() {}", "m.dfy").cached
    assert not other.verify("method M() { }", "m.dfy").cached


def test_cache_is_safe_under_concurrent_use(settings: Settings) -> None:
    verifier = LocalVerifier.from_settings(settings)
    results: list[VerifyResult] = []
    threads = [threading.Thread(target=lambda: results.append(
        verifier.verify("method N(x: int) returns (y: int) ensures y == x { y := x; }", "n.dfy")))
        for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.verdict for r in results] == [Verdict.VERIFIED] * 4
    entries = list((settings.cache_dir / "verdicts").rglob("*.json"))
    assert len(entries) == 1
    assert not list((settings.cache_dir / "verdicts").rglob(".tmp-*"))


def test_broken_prover_is_crashed_not_verified(tmp_path: Path) -> None:
    broken: DafnyInstall = dataclasses.replace(find_dafny(), z3=str(tmp_path / "no-z3"))
    verifier = LocalVerifier(broken, VerifyOptions(10, 60), None, tmp_path)
    result = verify(verifier, "verified.dfy")
    assert result.verdict is Verdict.CRASHED
    assert "no summary" in result.summary


def test_missing_dafny_is_an_error_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ToolMissing) as info:
        find_dafny(str(tmp_path / "dafny"))
    assert "apt-get install -y dafny" in info.value.message


def test_dafny4_command_line(tmp_path: Path) -> None:
    dafny4 = DafnyInstall("/opt/dafny/dafny", "4.9.1", None, None)
    verifier = LocalVerifier(dafny4, VerifyOptions(7, 60), None, tmp_path)
    assert verifier.command(tmp_path / "p.dfy") == [
        "/opt/dafny/dafny", "verify", "--verification-time-limit", "7", str(tmp_path / "p.dfy")]
