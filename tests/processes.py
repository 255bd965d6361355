"""Finding the processes a test started, by a marker in their environment.

Children inherit the environment, so setting ``VERICODE_TEST_MARKER`` before a run
marks Dafny, Mono, every z3 and every server it starts; after the run, none may be left.
"""

from __future__ import annotations

import os
from pathlib import Path


def marked_processes(marker: str) -> list[int]:
    """Processes (other than this one) whose environment holds ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker.encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found
