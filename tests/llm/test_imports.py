"""litellm costs seconds to import: only the model module may, and only when it calls."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import vericode

PACKAGE = Path(vericode.__file__).parent


def test_building_a_model_does_not_import_litellm(tmp_path: Path) -> None:
    code = ("import sys, vericode, vericode.llm.model as llm, vericode.llm.types as types; "
            f"llm.LiteLLMModel(types.ModelConfig(model='openai/x', cache_dir={str(tmp_path)!r})); "
            "print('litellm' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"


def test_only_the_model_module_imports_litellm() -> None:
    importers = sorted(str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
                       if re.search(r"^\s*(import|from)\s+litellm\b", path.read_text(),
                                    re.MULTILINE))
    assert importers == ["llm/model.py"]
