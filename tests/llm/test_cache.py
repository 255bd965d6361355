"""The response cache on disk: what the key covers, atomic entries, damage is a miss."""

from __future__ import annotations

from pathlib import Path

from vericode.llm.cache import ReplyCache, request_key
from vericode.llm.types import ModelConfig
from vericode.seams import Message, Reply

MESSAGES = [Message(role="user", content="Write Abs.")]


def config(tmp_path: Path, **options: object) -> ModelConfig:
    return ModelConfig.model_validate({"model": "openai/scripted", "cache_dir": tmp_path,
                                       **options})


def reply(text: str = "method Abs() {}") -> Reply:
    return Reply(text=text, prompt_tokens=3, completion_tokens=4, cost_usd=None, seconds=0.5,
                 model="openai/scripted")


def test_the_key_covers_the_request_and_not_the_secret(tmp_path: Path) -> None:
    base = request_key(config(tmp_path), MESSAGES, 0)
    variants = [
        request_key(config(tmp_path, model="openai/other"), MESSAGES, 0),
        request_key(config(tmp_path, api_base="http://127.0.0.1:1/v1"), MESSAGES, 0),
        request_key(config(tmp_path, temperature=0.8), MESSAGES, 0),
        request_key(config(tmp_path, max_tokens=10), MESSAGES, 0),
        request_key(config(tmp_path), [Message(role="system", content="Write Abs.")], 0),
        request_key(config(tmp_path), MESSAGES, 1),
    ]
    assert len({base, *variants}) == 7
    same = [request_key(config(tmp_path, api_key="sk-other", timeout=3, cache=False,
                               price_in=1, price_out=2), MESSAGES, 0)]
    assert same == [base]


def test_put_then_get_marks_the_reply_cached(tmp_path: Path) -> None:
    cache = ReplyCache(tmp_path)
    key = request_key(config(tmp_path), MESSAGES, 0)
    assert cache.get(key) is None
    cache.put(key, reply())
    hit = cache.get(key)
    assert hit is not None and hit.cached and hit.text == "method Abs() {}"
    assert hit.model_copy(update={"cached": False}) == reply()
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [f"{key}.json"]


def test_a_damaged_entry_is_a_miss_and_goes_away(tmp_path: Path) -> None:
    cache = ReplyCache(tmp_path)
    key = request_key(config(tmp_path), MESSAGES, 0)
    cache.put(key, reply())
    path = tmp_path / key[:2] / f"{key}.json"
    path.write_text('{"text": "half a repl')
    assert cache.get(key) is None
    assert not path.exists()
    cache.put(key, reply("again"))
    hit = cache.get(key)
    assert hit is not None and hit.text == "again"
