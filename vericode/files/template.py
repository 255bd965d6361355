"""Prompt templates: the files in a package's ``templates/`` folder, read once and
filled with ``string.Template.substitute``, so that a name a template uses and the
caller does not give is an error, not an empty hole in a prompt."""

from __future__ import annotations

import functools
from importlib import resources
from string import Template


@functools.cache
def template(package: str, name: str) -> Template:
    """``templates/<name>.md`` of ``package`` (``vericode.repair``), read once."""
    text = resources.files(package).joinpath("templates", f"{name}.md").read_text("utf-8")
    return Template(text)


def render(package: str, name: str, /, **values: str) -> str:
    """Template ``name`` of ``package`` filled with ``values``."""
    return template(package, name).substitute(values).strip() + "\n"
