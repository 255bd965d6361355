"""PROBLEM arguments: .spec files (one or named), tagged files, corpus ids, bad paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from vericode.api import load_any
from vericode.errors import BadInput

ROOT = Path(__file__).parent.parent


def test_spec_file_becomes_a_problem_with_a_code_slot() -> None:
    problem = load_any(str(ROOT / "specs" / "max_element.spec"))
    assert problem.id == "MaxElement"
    assert "ensures m in a" in problem.text
    assert [p.name for p in problem.slots] == ["helpers", "code"]
    assert problem.description.startswith("Return the largest element")


def test_a_file_of_several_specs_needs_a_name(tmp_path: Path) -> None:
    two = tmp_path / "two.spec"
    two.write_text("spec A\n  input x: int\n  output y: int\n  ensures: y == x\n\n"
                   "spec B\n  input x: int\n  output y: int\n  ensures: y == x + 1\n")
    with pytest.raises(BadInput, match=r"holds 2 specs: name one.*two.spec#A"):
        load_any(str(two))
    assert "ensures y == x + 1" in load_any(f"{two}#B").text
    with pytest.raises(BadInput, match="no spec named C"):
        load_any(f"{two}#C")


def test_tagged_and_missing() -> None:
    assert load_any(str(ROOT / "problems" / "abs_value.dfy")).id == "abs_value"
    with pytest.raises(BadInput, match="no such file"):
        load_any("nowhere/nothing.dfy")
