"""The renderer: the shared pieces of ``render_base`` with every node class's rule,
the phrases' (``phrases``) and the rest (``render_rules``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from vericode.spec.phrases import PHRASES
from vericode.spec.render_base import ATOM, LOW, Out, RendererBase, old_name
from vericode.spec.render_rules import RULES

__all__ = ["ATOM", "LOW", "Out", "Renderer", "old_name"]


class Renderer(RendererBase):
    """Renders the clauses of one spec; fresh names never capture the spec's own."""

    RULES: ClassVar[dict[type, Callable[[Any, Any], Out]]] = {**PHRASES, **RULES}
