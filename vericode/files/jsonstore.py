"""One pydantic model per key, as a JSON file on disk: the shape of every vericode cache.

Entries are written to a temporary file and renamed into place, so concurrent writers
(threads, processes, several vericode runs) never expose a half-written entry; a
damaged entry reads as a miss and is removed. Keys are hex digests; two of their
digits fan the entries out over subfolders.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)


def digest(*parts: object) -> str:
    """A stable key for any JSON-serialisable parts."""
    blob = json.dumps(list(parts), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


class JsonStore(Generic[Model]):
    def __init__(self, folder: Path, model: type[Model]) -> None:
        self.folder = folder
        self.model = model

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Model | None:
        path = self._path(key)
        try:
            return self.model.model_validate_json(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError, ValidationError):
            with contextlib.suppress(OSError):
                path.unlink()
            return None

    def put(self, key: str, value: Model) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(value.model_dump_json())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
