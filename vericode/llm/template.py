"""The prompt templates in ``templates/``, read once and filled with
``string.Template.substitute``: a name a template uses and the caller does not give
is an error, not an empty hole in a prompt."""

from __future__ import annotations

import functools
from importlib import resources
from string import Template


@functools.cache
def template(name: str) -> Template:
    """A template file of this package, read once."""
    text = resources.files("vericode.llm").joinpath("templates", f"{name}.md").read_text("utf-8")
    return Template(text)


def render(name: str, /, **values: str) -> str:
    """Template ``name`` filled with ``values`` (positional, so a value may be ``name``)."""
    return template(name).substitute(values).strip() + "\n"
