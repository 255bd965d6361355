"""vericode: from a specification to Dafny code the Dafny verifier proves correct.

The library's entry points are the functions of ``vericode.api``; ``vericode.solve``,
``vericode.bench`` and the others are those, imported on first use so that
``vericode --help`` starts fast. The seams between the layers are in
``vericode.seams``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vericode.api import solve  # what __getattr__ gives, for typing

__all__ = ["__version__", "solve"]
__version__ = "0.1.0"

_API = ("solve",)


def __getattr__(name: str) -> Any:
    """``vericode.solve`` and the other entry points of ``vericode.api``, imported when
    first used."""
    if name in _API:
        return getattr(importlib.import_module("vericode.api"), name)
    raise AttributeError(f"module 'vericode' has no attribute {name!r}")
