"""`vericode audit PROBLEM|CORPUS...`: is each spec vacuous, weak, unsatisfiable?"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from vericode.cli.options import add_json_option, add_verifier_options, settings
from vericode.errors import ExitCode

if TYPE_CHECKING:
    from vericode.audit import Audit

NAME = "audit"
HELP = "find specs that mean nothing: vacuous, weak, unsatisfiable or candidate-defined"
DESCRIPTION = """\
Audit problems (tagged .dfy files, folders of them, JSONL corpora, corpus.jsonl#ID):
  vacuous        the frozen text alone proves false (the culprit is named where one
                 trusted declaration is to blame)
  weak           a trivial body (default outputs, an echoed input, 0/1/-1, an empty
                 body) is accepted and verified, through the same path as any candidate
  unsatisfiable  Dafny proves that no output meets the ensures for a witness input
                 (--witness 'x = 3, a = [1, 2]', or the problem's `witness:` meta line)
  depends        the spec names what only a candidate could define
  sound          none of these found
Results are cached by the problem's text (--no-cache audits again).
Exit 0 every problem is sound, 1 some are not (or do not load), 2 unusable input,
3 the verifier is missing."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("problems", nargs="+", metavar="PROBLEM|CORPUS")
    p.add_argument("--witness", metavar="BINDINGS",
                   help="inputs for the unsatisfiability check, e.g. 'x = 3, a = [1, 2]'")
    add_verifier_options(p)
    add_json_option(p)


def run(args: argparse.Namespace) -> int:
    from vericode.api import audit_corpus
    from vericode.audit.unsat import parse_witness
    from vericode.cli import ui

    if args.witness is not None:
        parse_witness(args.witness)
    audits = audit_corpus(args.problems, settings(args), args.witness,
                          None if args.json else _show)
    if args.json:
        ui.print_json({"format": 1, "audits": [_record(a) for a in audits],
                       "counts": _counts(audits), "ok": all(a.sound for a in audits)})
    else:
        for audit in audits:
            if audit.verdict == "unusable":
                _show(audit)
        ui.console().print(_tally(audits))
    return _exit_code(audits)


def _show(audit: Audit) -> None:
    from vericode.cli import ui

    out = ui.console()
    out.print(audit.summary(), markup=False, highlight=False)
    for finding in audit.findings:
        if finding.body:
            out.print("    " + finding.body.rstrip().replace("\n", "\n    "), markup=False,
                      highlight=False)


def _record(audit: Audit) -> dict[str, object]:
    return {**audit.model_dump(mode="json"), "verdict": audit.verdict}


def _counts(audits: Sequence[Audit]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for audit in audits:
        counts[audit.verdict] = counts.get(audit.verdict, 0) + 1
    return counts


def _tally(audits: Sequence[Audit]) -> str:
    counts = _counts(audits)
    parts = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    return f"{len(audits)} problems audited: {parts}"


def _exit_code(audits: Sequence[Audit]) -> int:
    if all(a.sound for a in audits):
        return ExitCode.OK
    return ExitCode.NOT_VERIFIED
