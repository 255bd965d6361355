"""Settings from vericode.toml or [tool.vericode], the environment, and flags, in that order."""

from __future__ import annotations

from pathlib import Path

import pytest

from vericode.api import NO_MODEL, model_config, solve_options
from vericode.errors import BadInput
from vericode.settings import Settings


def test_the_file_sets_defaults_env_overrides_flags_win(tmp_path: Path) -> None:
    (tmp_path / "vericode.toml").write_text(
        'model = "openai/from-file"\nattempts = 3\nsamples = 2\ntimeout = 9\n'
        'verifier = "local"\napi_base = "http://file:1/v1"\n')
    env = {"VERICODE_MODEL": "openai/from-env"}
    settings = Settings.load({"samples": 4}, env=env, cwd=tmp_path)
    assert (settings.model, settings.api_base) == ("openai/from-env", "http://file:1/v1")
    assert (settings.attempts, settings.samples, settings.timeout) == (3, 4, 9)
    assert settings.verifier == "local"
    flagged = Settings.load({"model": "openai/flag"}, env=env, cwd=tmp_path)
    assert flagged.model == "openai/flag"


def test_pyproject_tool_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.vericode]\nmodel = "ollama_chat/qwen2.5-coder:7b"\n'
        'history = "full"\nmax_cost = 0.5\n')
    settings = Settings.load(env={}, cwd=tmp_path)
    assert settings.model == "ollama_chat/qwen2.5-coder:7b"
    assert solve_options(settings).history == "full"
    assert solve_options(settings).max_cost == 0.5


def test_a_vericode_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.vericode]\nmodel = "openai/py"\n')
    (tmp_path / "vericode.toml").write_text('model = "openai/toml"\n')
    assert Settings.load(env={}, cwd=tmp_path).model == "openai/toml"


def test_unknown_keys_and_bad_values_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "vericode.toml"
    path.write_text('modle = "openai/x"\n')
    with pytest.raises(BadInput, match=r"vericode.toml: unknown setting 'modle'"):
        Settings.load(env={}, cwd=tmp_path)
    path.write_text("attempts = 0\n")
    with pytest.raises(BadInput, match=r"vericode.toml: attempts: .*greater than or equal to 1"):
        Settings.load(env={}, cwd=tmp_path)
    path.write_text("attempts = [\n")
    with pytest.raises(BadInput, match=r"vericode\.toml: cannot read"):
        Settings.load(env={}, cwd=tmp_path)


def test_no_file_no_env_keeps_the_defaults(tmp_path: Path) -> None:
    settings = Settings.load(env={}, cwd=tmp_path)
    assert (settings.model, settings.attempts, settings.samples) == (None, 5, 1)
    assert settings.cache_dir == Path.home() / ".cache" / "vericode"
    with pytest.raises(BadInput) as raised:
        model_config(settings)
    assert raised.value.message == NO_MODEL


def test_the_model_settings_become_a_model_config(tmp_path: Path) -> None:
    settings = Settings.load({"model": "openai/m", "price_in": 1.0, "price_out": 2.0,
                              "request_timeout": 7.0, "llm_cache": False},
                             env={"VERICODE_CACHE_DIR": str(tmp_path)}, cwd=tmp_path)
    config = model_config(settings)
    assert (config.timeout, config.cache, config.cache_dir) == (7.0, False, tmp_path)
    with pytest.raises(BadInput, match="price_in and price_out"):
        model_config(settings.model_copy(update={"price_out": None}))
