"""The response cache: one JSON file per request, on disk, so a re-run costs nothing.

The key is the whole request that shapes the answer: model, server, messages,
temperature, max_tokens, and the sample index. The sample index is what keeps
several samples at temperature > 0 distinct: each is its own entry, so a re-run
gets the same N different samples back instead of one sample N times. The API key
is not part of the key (it changes who pays, not what comes back).

Entries are written to a temporary file and renamed into place, so concurrent
writers (threads, processes, several vericode runs) never expose a half-written
entry; a damaged entry reads as a miss and is removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from vericode.files.jsonstore import JsonStore, digest
from vericode.llm.types import ModelConfig
from vericode.seams import Message, Reply

FORMAT = 1


def request_key(config: ModelConfig, messages: Sequence[Message], sample: int) -> str:
    """A stable key for everything in a request that can change its reply."""
    parts = {
        "format": FORMAT, "model": config.model, "api_base": config.api_base,
        "messages": [message.model_dump() for message in messages],
        "temperature": config.temperature, "max_tokens": config.max_tokens, "sample": sample,
    }
    return digest(parts)


class ReplyCache(JsonStore[Reply]):
    """Replies on disk under ``folder``; what comes back is marked ``cached``."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, Reply)

    def get(self, key: str) -> Reply | None:
        """The stored reply, marked ``cached``; None if absent or damaged."""
        reply = super().get(key)
        return None if reply is None else reply.model_copy(update={"cached": True})
