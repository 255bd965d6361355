"""vericode: from a specification to Dafny code the Dafny verifier proves correct.

This module holds only the seams between the layers, as Protocols; everything
heavy is imported where it is used, so that ``vericode --help`` starts fast.
``vericode.solve(problem, model=…, **options)`` (the notebook API) is loaded on first
use by the module ``__getattr__`` below.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from vericode.dafny.models import VerifyResult
    from vericode.llm.types import Message, Reply
    from vericode.loop import solve_problem as solve  # what __getattr__ gives, for typing

__all__ = ["Model", "Verifier", "__version__", "solve"]
__version__ = "0.1.0"


class Verifier(Protocol):
    """One call: a program text in, a verdict with diagnostics out."""

    @property
    def version(self) -> str:
        """What verifies (``Dafny 2.3.0.10506 (z3 4.8.12)``), for records and reports."""
        ...

    def verify(self, text: str, name: str = "program.dfy") -> VerifyResult:
        """Verify ``text``; diagnostics name ``name``. Raises only if no verifier can run."""
        ...


class Model(Protocol):
    """One call: messages in, a reply with usage and cost out."""

    def complete(self, messages: list[Message], *, sample: int = 0) -> Reply:
        """Answer ``messages``; ``sample`` numbers independent samples of one request.
        Raises only if the model cannot answer (``vericode.llm.ModelError``)."""
        ...


def __getattr__(name: str) -> Any:
    """``vericode.solve``, imported when first used (it brings in pydantic models, the
    verifier and the prompts): ``vericode.loop.solve_problem``."""
    if name == "solve":
        return importlib.import_module("vericode.loop").solve_problem
    raise AttributeError(f"module 'vericode' has no attribute {name!r}")
