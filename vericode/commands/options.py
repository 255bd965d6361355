"""Options that several commands share, and the settings they build."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vericode.config import Settings

_SETTINGS_FLAGS = ("dafny", "timeout", "wall_timeout", "cache", "verifier", "sandbox", "engine",
                   "jobs")


def add_verifier_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dafny", metavar="PATH",
                   help="the Dafny binary (default: $VERICODE_DAFNY, then `dafny` on PATH)")
    p.add_argument("--timeout", type=int, metavar="S",
                   help="seconds one proof obligation may take (default 30)")
    p.add_argument("--wall-timeout", type=float, metavar="S",
                   help="seconds a whole verification run may take (default 4 x timeout + 30)")
    p.add_argument("--no-cache", dest="cache", action="store_false", default=None,
                   help="verify again even if this exact program was verified before")
    p.add_argument("--verifier", metavar="KIND",
                   help="how Dafny runs: auto (default: the warm server pool where Dafny has "
                        "one, else local), local, server, or container[:IMAGE]")
    p.add_argument("--sandbox", choices=("auto", "bwrap", "none"),
                   help="run local verifications under bubblewrap (no network, read-only "
                        "system); auto (default) uses bwrap for local runs when it works")
    p.add_argument("--engine", choices=("docker", "podman"),
                   help="container engine for --verifier container (default: whichever exists)")
    p.add_argument("--jobs", type=int, metavar="J",
                   help="verifications at once (default: the number of CPUs)")


def add_json_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON object")


def settings(args: argparse.Namespace) -> Settings:
    """Settings from the environment, overridden by the flags that were given."""
    from vericode.config import Settings

    return Settings.load({k: getattr(args, k, None) for k in _SETTINGS_FLAGS})
