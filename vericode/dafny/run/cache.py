"""The verdict cache: one JSON file per (program, verifier, options), on disk.

Entries are atomic JSON files (``vericode.jsonstore``), safe for concurrent use.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from vericode.files.jsonstore import JsonStore, digest
from vericode.seams import Verdict, VerifyResult
from vericode.settings import Settings

FORMAT = 2


def cache_key(*parts: object) -> str:
    """A stable key for any JSON-serialisable parts."""
    return digest(FORMAT, *parts)


def cacheable(result: VerifyResult) -> bool:
    """Crashes and wall-clock kills depend on the moment, not the program: not cached."""
    if result.verdict is Verdict.CRASHED:
        return False
    return not (result.verdict is Verdict.TIMEOUT and not result.diagnostics)


def through_cache(cache: VerdictCache | None, key: str,
                  run: Callable[[], VerifyResult]) -> VerifyResult:
    """Answer from ``cache`` when it knows ``key``; otherwise run, and remember."""
    if cache and (hit := cache.get(key)):
        return hit.model_copy(update={"cached": True})
    result = run()
    if cache and cacheable(result):
        cache.put(key, result)
    return result


class VerdictCache(JsonStore[VerifyResult]):
    """Verdicts by ``verdict_key``: the same answer for the same program, verifier and
    options, from any backend."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, VerifyResult)


def verdict_cache(settings: Settings) -> VerdictCache | None:
    """The verdict cache the settings ask for (None with ``--no-cache``)."""
    return VerdictCache(settings.cache_dir / "verdicts") if settings.cache else None
