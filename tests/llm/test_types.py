"""ModelConfig: unknown options and half a price are refused; the key stays secret."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from vericode.llm.types import ModelConfig


def test_options_are_checked() -> None:
    with pytest.raises(ValidationError, match="extra"):
        ModelConfig.model_validate({"model": "openai/x", "temprature": 0.5})
    with pytest.raises(ValidationError, match="give both price_in and price_out"):
        ModelConfig(model="openai/x", price_in=1.0)
    with pytest.raises(ValidationError):
        ModelConfig(model="openai/x", timeout=0)
    with pytest.raises(ValidationError):
        ModelConfig(model="")


def test_the_api_key_never_shows(tmp_path: Path) -> None:
    config = ModelConfig(model="openai/x", api_key="sk-secret", cache_dir=tmp_path)
    assert "sk-secret" not in config.model_dump_json() + repr(config) + str(config)
    assert config.api_key is not None and config.api_key.get_secret_value() == "sk-secret"


def test_the_cache_follows_vericodes_cache_dir(tmp_path: Path) -> None:
    assert ModelConfig(model="openai/x").cache_dir == tmp_path / "cache"  # conftest sets it
