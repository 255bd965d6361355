"""`vericode mcp`: serve vericode's tools to an MCP client (an agent) over stdio."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vericode.cli.options import (
    MODEL_FLAGS,
    add_formalize_option,
    add_model_options,
    add_verifier_options,
    settings,
)
from vericode.errors import ToolMissing

NAME = "mcp"
HELP = "serve formalize, check, verify, solve and phrases as MCP tools over stdio"
DESCRIPTION = """\
Run an MCP (Model Context Protocol) server on standard input and output, for an agent
or editor that speaks MCP (Claude Desktop, Claude Code, Cursor, ...). Its tools map one
to one onto the commands: formalize (a .spec text), check (a candidate against a
problem, with the repair feedback the model gets in solve), verify (Dafny alone), solve
(needs a model: --model or $VERICODE_MODEL) and phrases (the .spec language's English).
The verifier options here hold for every call; one verifier (the warm server pool
where Dafny has one) is started on the first call and stopped when the client closes
the connection. Give problems as absolute paths: the server's working folder is
whatever the client started it in. Needs the MCP SDK: pip install 'vericode[mcp]'."""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--runs", metavar="DIR", default="runs",
                   help="where `solve` writes its run folders (default: runs/ in the "
                        "working folder)")
    p.add_argument("--attempts", type=int, metavar="K", help="solve: rounds at most (default 5)")
    p.add_argument("--max-cost", type=float, metavar="USD",
                   help="solve: stop before spending more, per call")
    add_formalize_option(p)
    add_model_options(p)
    add_verifier_options(p)


def run(args: argparse.Namespace) -> int:
    try:
        from vericode.cli.mcp_server import serve
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("mcp"):
            raise
        raise ToolMissing("vericode mcp needs the MCP SDK: pip install 'vericode[mcp]' "
                          "(or pip install 'mcp>=2.3,<3')") from None
    chosen = settings(args, *MODEL_FLAGS, "attempts", "max_cost", "formalize")
    sys.stderr.write(f"vericode mcp: serving on stdio (verifier {chosen.verifier}, "
                     f"timeout {chosen.timeout} s); close stdin to stop\n")
    serve(chosen, Path(args.runs).absolute())
    return 0
