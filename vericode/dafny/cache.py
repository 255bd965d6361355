"""The verdict cache: one JSON file per (program, verifier, options), on disk.

Each entry is written to a temporary file and renamed into place, so concurrent
writers (threads, processes, several vericode runs) never expose a half-written
entry; a reader that finds a damaged one treats it as a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from vericode.dafny.models import Verdict, VerifyResult

FORMAT = 1


def cache_key(*parts: object) -> str:
    """A stable key for any JSON-serialisable parts."""
    blob = json.dumps([FORMAT, *parts], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


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


class VerdictCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> VerifyResult | None:
        path = self._path(key)
        try:
            return VerifyResult.model_validate_json(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError, ValidationError):
            with contextlib.suppress(OSError):
                path.unlink()
            return None

    def put(self, key: str, result: VerifyResult) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(result.model_dump_json())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
