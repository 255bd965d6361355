"""Specs in plain English: the ``.spec`` language, parsed into Dafny contracts.

``parse_spec_file`` reads a file into ``Spec`` models, ``render`` and
``render_tagged`` write a spec's Dafny skeleton, and ``formalize_text`` /
``formalize_file`` also check the examples and probe for weak specs with the real
verifier.
"""

from vericode.spec.formalize import formalize, formalize_text
from vericode.spec.models import Clause, Example, Param, Spec, SpecFile
from vericode.spec.parse import parse_expr, parse_spec_file, read_spec_file
from vericode.spec.report import Check, CheckStatus, FileReport, SpecReport
from vericode.spec.skeleton import render, render_tagged

__all__ = [
           "Check",
           "CheckStatus",
           "Clause",
           "Example",
           "FileReport",
           "Param",
           "Spec",
           "SpecFile",
           "SpecReport",
           "formalize",
           "formalize_text",
           "parse_expr",
           "parse_spec_file",
           "read_spec_file",
           "render",
           "render_tagged",
]
