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

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from vericode.llm.types import Message, ModelConfig, Reply

FORMAT = 1


def request_key(config: ModelConfig, messages: Sequence[Message], sample: int) -> str:
    """A stable key for everything in a request that can change its reply."""
    parts = {
        "format": FORMAT, "model": config.model, "api_base": config.api_base,
        "messages": [message.model_dump() for message in messages],
        "temperature": config.temperature, "max_tokens": config.max_tokens, "sample": sample,
    }
    blob = json.dumps(parts, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


class ReplyCache:
    """Replies on disk under ``folder``, two hex digits of fan-out per key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Reply | None:
        """The stored reply, marked ``cached``; None if absent or damaged."""
        path = self._path(key)
        try:
            reply = Reply.model_validate_json(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError, ValidationError):
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        return reply.model_copy(update={"cached": True})

    def put(self, key: str, reply: Reply) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(reply.model_dump_json())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
