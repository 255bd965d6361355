"""The README's promises: two commands first, and CI runs the second one."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent


def readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", (ROOT / "README.md").read_text(), re.S)


def test_readme_starts_with_the_two_commands() -> None:
    first, second = readme_commands()[:2]
    assert first.startswith("apt-get update && apt-get install -y dafny ")
    assert second.startswith("apt-get update && apt-get install -y dafny ")
    assert " && .venv/bin/vericode demo " in first and "pip install -q -e " in first
    assert second.endswith(" && .venv/bin/python -m pytest -q")
    assert "pip install -q -e '.[dev]'" in second


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert "grep -m1 -E '^apt-get .*pytest' README.md" in ci
    matching = [line for line in (ROOT / "README.md").read_text().splitlines()
                if re.match(r"^apt-get .*pytest", line)]
    assert matching[0] == readme_commands()[1]


def test_main_example_exists() -> None:
    target = readme_commands()[0].rsplit(" ", 1)[-1]
    assert (ROOT / target).is_file()
