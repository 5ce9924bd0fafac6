"""The house's layers: a package never imports one above it, so there is no cycle.

The road every command takes is cli -> app -> output; below app, each layer
may use only the layers under it (docs/architecture.md draws the picture).
The test reads the imports from the source (lazy ones inside functions
included, ``if TYPE_CHECKING:`` blocks left out, since they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "jgsw_std"

#: Lowest first. Parts on one line are peers and must not import each other.
LAYERS: list[tuple[str, ...]] = [
    ("__init__", "errors", "forking", "progress", "resources"),
    ("i18n", "fsutil"),
    ("model",),
    ("problems",),
    ("load",),
    ("lifecycle",),
    ("rules", "metrics"),
    ("history",),
    ("reports",),
    ("edit",),
    ("demo",),
    ("app",),
    ("output",),
    ("cli",),
    ("__main__",),
]
RANK = {part: rank for rank, parts in enumerate(LAYERS) for part in parts}


def _part(path: Path) -> str:
    rel = path.relative_to(PACKAGE).with_suffix("").parts
    return rel[0]


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            named = isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"
            attr = isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
            if named or attr:
                skip.update(id(n) for b in node.body for n in ast.walk(b))
    return skip


def imports_of(path: Path, here: list[str] | None = None) -> set[str]:
    """The top-level parts of jgsw_std that a module imports (``here``: its package,
    relative to jgsw_std, for relative imports; by default from its path)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_nodes(tree)
    if here is None:
        here = list(path.relative_to(PACKAGE).parts[:-1])
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        names: list[list[str]] = []
        if isinstance(node, ast.Import):
            names = [alias.name.split(".") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level + 1]
                module = base + (node.module.split(".") if node.module else [])
                names = [["jgsw_std", *module, alias.name] for alias in node.names]
            elif node.module:
                names = [[*node.module.split("."), alias.name] for alias in node.names]
        for parts in names:
            if parts[0] == "jgsw_std" and len(parts) > 1:
                found.add(parts[1])
    return found


def _edges() -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = _part(path)
        for target in imports_of(path):
            if target != source:
                out.append((str(path.relative_to(PACKAGE)), source, target))
    return out


def test_every_part_has_a_layer() -> None:
    parts = {_part(p) for p in PACKAGE.rglob("*.py")}
    assert parts - RANK.keys() == set(), "add the new part to LAYERS (and docs/architecture.md)"


def test_no_part_imports_one_above_it_or_beside_it() -> None:
    wrong = [
        f"{module}: {source} imports {target}"
        for module, source, target in _edges()
        if target in RANK and RANK[target] >= RANK[source]
    ]
    assert wrong == []


def test_no_cycle_between_parts() -> None:
    graph: dict[str, set[str]] = {}
    for _, source, target in _edges():
        graph.setdefault(source, set()).add(target)

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    cycles = sorted(part for part in graph if reaches(part, part, {part}))
    assert cycles == []


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("from jgsw_std.app.check import run_check\n", {"app"}),
        ("import jgsw_std.load.warehouse\n", {"load"}),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import jgsw_std.cli\n", set()),
        ("def f():\n    from jgsw_std.output import check\n", {"output"}),
        ("from ..load import warehouse\n", {"load"}),
    ],
)
def test_the_walk_sees_imports(tmp_path: Path, module: str, expected: set[str]) -> None:
    # the reader itself, so that a layer test finding nothing cannot pass by reading nothing
    probe = tmp_path / "probe.py"
    probe.write_text(module, encoding="utf-8")
    assert imports_of(probe, here=["rules"]) == expected
