"""Settings: one pydantic object that flags, files and the environment merge into.

The CLI never reads the environment itself: ``Settings.load`` does, and flags given
on the command line win over it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


def default_cache_dir(env: Mapping[str, str]) -> Path:
    if env.get("VERICODE_CACHE_DIR"):
        return Path(env["VERICODE_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vericode"


class Settings(BaseModel):
    """Everything a verification (and later a solve) depends on."""

    model_config = ConfigDict(extra="forbid")

    dafny: str | None = None
    """The Dafny binary (a path or a name on PATH); None: `dafny` on PATH."""
    timeout: int = Field(default=30, ge=1)
    """Seconds one proof obligation may take (Dafny's own per-procedure limit)."""
    wall_timeout: float | None = Field(default=None, gt=0)
    """Seconds a whole verification run may take; None: 4 x timeout + 30."""
    cache: bool = True
    """Answer identical verifications from the on-disk verdict cache."""
    cache_dir: Path = Field(default_factory=lambda: default_cache_dir(os.environ))
    """Where caches live (VERICODE_CACHE_DIR, else $XDG_CACHE_HOME/vericode)."""

    @property
    def wall_seconds(self) -> float:
        return self.wall_timeout if self.wall_timeout is not None else 4 * self.timeout + 30

    @classmethod
    def load(cls, flags: Mapping[str, Any] | None = None,
             env: Mapping[str, str] | None = None) -> Settings:
        """Merge the environment (VERICODE_*) and then ``flags`` (None values ignored)."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {"cache_dir": default_cache_dir(env)}
        if env.get("VERICODE_DAFNY"):
            values["dafny"] = env["VERICODE_DAFNY"]
        values.update({k: v for k, v in (flags or {}).items() if v is not None})
        return cls.model_validate(values)
