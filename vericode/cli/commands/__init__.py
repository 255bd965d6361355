"""The commands of the CLI, one module each.

Each module has ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``,
and imports nothing heavy at module level (``vericode --help`` must start fast).
Add a command by writing its module and naming it in ``MODULES``.
"""

MODULES = ("demo", "verify", "formalize", "draft", "check", "solve", "corpus", "bench",
           "report", "export", "recheck", "doctor", "mcp", "audit", "phrases")
