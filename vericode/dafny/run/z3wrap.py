"""The z3 wrapper for Debian's Dafny 2.3.

Debian's Boogie sends z3 4.8 the option ``model_compress``, which that z3 does not
know; z3 then prints a "Prover error … Legal parameters are: …" block on every run.
It is harmless but buries the real output. The wrapper drops that one line of the
prover's input, ``(set-option :model_compress false)`` whole, and hands everything else
to the real z3 (a program may name a datatype ``model_compress``: the lines declaring it
must reach z3); Dafny gets the wrapper as ``/z3exe:``.

Boogie also runs ``z3 --version`` with the caller's stdin; under the warm Dafny server
that stdin is the command pipe, and a ``grep`` there would eat the next request. So
the wrapper reads stdin only when z3 is asked to (``-in``).
"""

from __future__ import annotations

import hashlib
import os
import shlex
import tempfile
from pathlib import Path

_SCRIPT = """#!/bin/sh
# vericode: drop the option line Debian's z3 does not know, then run the real z3.
# Read stdin only when z3 reads it (-in): a version probe must leave stdin alone.
case " $* " in *" -in "*) ;; *) exec {z3} "$@" </dev/null ;; esac
grep --line-buffered -v -x -E {option} | exec {z3} "$@"
"""

_OPTION = r"[[:space:]]*\(set-option :model_compress (true|false)\)[[:space:]]*"
"""The one line to drop (an extended regular expression for the whole line)."""


def z3_wrapper(z3: str, folder: Path) -> Path:
    """A wrapper script for ``z3`` in ``folder`` (written once, atomically)."""
    text = _SCRIPT.format(z3=shlex.quote(z3), option=shlex.quote(_OPTION))
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    path = folder / f"z3-wrapper-{digest}.sh"
    if path.is_file() and os.access(path, os.X_OK):
        return path
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".z3-wrapper-")
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.chmod(tmp, 0o755)
    os.replace(tmp, path)
    return path
