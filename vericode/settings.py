"""Settings: one pydantic object that flags, files and the environment merge into.

The CLI never reads the environment itself: ``Settings.load`` does. Lowest first:
the defaults here, then ``vericode.toml`` in the working directory (or the
``[tool.vericode]`` table of its ``pyproject.toml``), then the environment
(``VERICODE_*``), then the flags given on the command line.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from vericode.errors import BadInput


def default_cache_dir(env: Mapping[str, str]) -> Path:
    if env.get("VERICODE_CACHE_DIR"):
        return Path(env["VERICODE_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vericode"


_ENVIRONMENT = {"dafny": "VERICODE_DAFNY", "verifier": "VERICODE_VERIFIER",
                "sandbox": "VERICODE_SANDBOX", "engine": "VERICODE_ENGINE",
                "model": "VERICODE_MODEL", "api_base": "VERICODE_API_BASE"}
CONFIG_FILE = "vericode.toml"


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
    verifier: str = Field(default="auto", pattern=r"^(auto|local|server|container(:.+)?)$")
    """How Dafny runs: ``local`` (a process per program), ``server`` (a pool of warm Dafny
    servers), ``container[:IMAGE]`` (inside the bundled image), or ``auto`` (the server
    pool where the Dafny install has one, else local)."""
    sandbox: str = Field(default="auto", pattern=r"^(auto|bwrap|none)$")
    """For local runs: ``bwrap`` (no network, read-only system, private /tmp), ``none``,
    or ``auto`` (bwrap when it works here). ``bwrap`` also selects the local backend."""
    engine: str | None = None
    """The container engine for ``container``: ``docker`` or ``podman`` (None: whichever
    is present)."""
    jobs: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)
    """At most this many verifications at once (warm servers in the pool)."""
    concurrency: int = Field(default=16, ge=1)
    """In a batch, at most this many problems in flight (and so model calls at once),
    whatever ``jobs`` is: a remote model's reply takes far longer than a proof."""

    # -- the model (see vericode.llm.types.ModelConfig, which these become) --
    model: str | None = None
    """A litellm model string (``openai/gpt-4.1``, ``ollama_chat/qwen2.5-coder:7b``,
    ``openai/<name>`` with ``api_base``); VERICODE_MODEL. None: solving is not possible."""
    api_base: str | None = None
    """An OpenAI-compatible server's base URL (``http://host:8000/v1``); VERICODE_API_BASE."""
    api_key: SecretStr | None = None
    """The API key; None: litellm reads the provider's variable (``OPENAI_API_KEY``, …)."""
    temperature: float | None = Field(default=None, ge=0, le=2)
    """Sampling temperature; None: the provider's default."""
    max_tokens: int | None = Field(default=None, gt=0)
    """The most tokens one reply may have; None: the provider's default."""
    request_timeout: float = Field(default=120.0, gt=0)
    """Seconds one model request may take before it counts as failed (and is retried)."""
    max_retries: int = Field(default=4, ge=0)
    """Retries of a model request after rate limits, server errors and time-outs."""
    price_in: float | None = Field(default=None, ge=0)
    """USD per million prompt tokens (with ``price_out``), where litellm knows no price."""
    price_out: float | None = Field(default=None, ge=0)
    """USD per million completion tokens (with ``price_in``)."""
    llm_cache: bool = True
    """Answer a model request seen before from the on-disk response cache."""

    formalize: Literal["grammar", "llm"] = "grammar"
    """How a ``.spec`` clause the grammar cannot read is handled: an error at its line
    (``grammar``), or sent to the model for a Dafny expression (``llm``), which is shown
    and marked "formalized by model" in the skeleton."""

    # -- the solve loop --
    samples: int = Field(default=1, ge=1)
    """Candidates asked for in each round (use a temperature > 0 for distinct ones)."""
    attempts: int = Field(default=5, ge=1)
    """Rounds at most: the first proposal, then repairs."""
    max_cost: float | None = Field(default=None, gt=0)
    """Stop before spending more than this many USD; needs a known cost per call."""
    max_tokens_total: int | None = Field(default=None, gt=0)
    """Stop once the model calls have used this many tokens (prompt + completion)."""
    max_seconds: float | None = Field(default=None, gt=0)
    """Stop asking the model once the run has taken this long."""
    history: Literal["compact", "full"] = "compact"
    """Repair prompts carry the latest exchange only (``compact``) or every one (``full``)."""
    out: Path | None = None
    """The run folder; None: ``runs/<YYYYmmdd-HHMMSS>-<problem id>/``."""

    @property
    def wall_seconds(self) -> float:
        return self.wall_timeout if self.wall_timeout is not None else 4 * self.timeout + 30

    @classmethod
    def load(cls, flags: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None,
             cwd: Path | None = None) -> Settings:
        """Merge the config file in ``cwd``, the environment (VERICODE_*) and then ``flags``
        (None values ignored); a value no field takes is an error naming where it came from."""
        env = os.environ if env is None else env
        values = read_config_file(Path.cwd() if cwd is None else cwd)
        if env.get("VERICODE_CACHE_DIR") or "cache_dir" not in values:
            values["cache_dir"] = default_cache_dir(env)
        for field, variable in _ENVIRONMENT.items():
            if env.get(variable):
                values[field] = env[variable]
        values.update({k: v for k, v in (flags or {}).items() if v is not None})
        return validated(cls, values, "settings")


def read_config_file(folder: Path) -> dict[str, Any]:
    """The settings of ``vericode.toml`` in ``folder``, else of ``[tool.vericode]`` in its
    ``pyproject.toml``; {} when neither exists. Checked here, so errors name the file."""
    path = folder / CONFIG_FILE
    if path.is_file():
        values = _toml(path)
    else:
        path = folder / "pyproject.toml"
        if not path.is_file():
            return {}
        values = _toml(path).get("tool", {}).get("vericode", {})
        if not isinstance(values, dict):
            raise BadInput(f"{path}: [tool.vericode] must be a table")
    unknown = sorted(set(values) - set(Settings.model_fields))
    if unknown:
        raise BadInput(f"{path}: unknown setting {unknown[0]!r} (known: "
                       f"{', '.join(Settings.model_fields)})")
    validated(Settings, values, str(path))
    return dict(values)


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BadInput(f"{path}: cannot read: {exc}") from exc


def validated(cls: type[Settings], values: Mapping[str, Any], where: str) -> Settings:
    """``cls`` from ``values``, or a ``BadInput`` naming ``where`` and the bad setting."""
    try:
        return cls.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(part) for part in first["loc"]) or "settings"
        raise BadInput(f"{where}: {name}: {first['msg']}") from exc
