"""The package's imports run one way, down the layers, with no cycle at all.

Every import statement of every module counts: module level, inside functions and
under ``TYPE_CHECKING``. A failure names the file and line of the offending import.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "vericode"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("vericode.errors", "vericode.seams"),
    ("vericode.files", "vericode.settings"),
    ("vericode.dafny.syntax",),
    ("vericode.dafny.run",),
    ("vericode.problem",),
    ("vericode.candidate",),
    ("vericode.spec",),
    ("vericode.llm",),
    ("vericode.repair",),
    ("vericode.audit",),
    ("vericode.batch",),
    ("vericode.report",),
    ("vericode.api",),
    ("vericode.cli",),
)
"""Bottom first. A module may import its own layer's packages and those below it."""

ROOT_NAMES = {"__version__"}
"""What any module may take from the package root (which itself holds only these and a
lazy hook onto ``vericode.api``)."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int | None:
    for rank, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return None


def imports(path: Path) -> Iterator[tuple[int, str, list[str]]]:
    """``(line, module, names)`` of each import of a vericode module in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "vericode":
                    yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: relative import"
            if node.module and node.module.split(".")[0] == "vericode":
                yield node.lineno, node.module, [a.name for a in node.names]


def known_module(name: str, modules: set[str]) -> str:
    """The vericode module an imported name lives in (``vericode.x.y`` or a package)."""
    while name not in modules and "." in name:
        name = name.rpartition(".")[0]
    return name


def edges() -> Iterator[tuple[Path, int, str, str]]:
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(f) for f in files}
    for path in files:
        source = module_name(path)
        for line, target, names in imports(path):
            wanted = [f"{target}.{n}" for n in names if f"{target}.{n}" in modules]
            for name in wanted or [target]:
                yield path, line, source, known_module(name, modules)


def test_every_module_has_a_layer() -> None:
    lost = [module_name(p) for p in PACKAGE.rglob("*.py")
            if layer_of(module_name(p)) is None and module_name(p) not in
            ("vericode", "vericode.__main__", "vericode.dafny")]
    assert not lost, f"modules in no layer (add them to LAYERS): {lost}"


def test_no_import_runs_up_the_layers() -> None:
    upward = []
    for path, line, source, target in edges():
        if source in ("vericode", "vericode.__main__"):
            continue
        if target == "vericode":
            continue  # checked by the test below
        low, high = layer_of(target), layer_of(source)
        assert low is not None and high is not None
        if low > high:
            upward.append(f"{path}:{line}: {source} imports {target}, a higher layer")
    assert not upward, "\n".join(upward)


def test_the_root_gives_only_its_version() -> None:
    bad = [f"{path}:{line}: takes {names} from the package root"
           for path in PACKAGE.rglob("*.py") for line, target, names in imports(path)
           if target == "vericode" and not set(names) <= ROOT_NAMES]
    assert not bad, "\n".join(bad)


def test_no_import_cycle() -> None:
    graph: dict[str, set[str]] = {}
    where: dict[tuple[str, str], str] = {}
    for path, line, source, target in edges():
        if target != source and not source.startswith(target + "."):
            graph.setdefault(source, set()).add(target)
            where.setdefault((source, target), f"{path}:{line}")
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle:\n" + "\n".join(
        f"{where[(a, b)]}: {a} imports {b}" for a, b in itertools.pairwise(cycle))


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a closed path ``[a, b, …, a]``, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}}) is None


def test_the_top_of_the_package_is_small() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 6, top
