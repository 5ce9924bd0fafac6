"""Boundary mutants: flip each ordering comparison of lifecycle/, metrics/ and rules/.

A test of a date window earns its place only if it fails when the window's edge
moves by one day. This script makes every boundary mutant, one at a time
(``<`` <-> ``<=``, ``>`` <-> ``>=``), runs the tests that cover the mutated
package against it, and reports the kill rate and the survivors.

Each worker mutates its own copy of the repository (without .git), so the
working tree is never touched. Run it from the
repository root:

    python bench/mutate_boundaries.py              # every package, 2 workers
    python bench/mutate_boundaries.py --only lifecycle/state.py --workers 1
    python bench/mutate_boundaries.py --list       # the mutants, without running

Exit code 0 when every mutant is killed (or explained in EQUIVALENT), 1 otherwise.
"""

from __future__ import annotations

import argparse
import ast
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tokenize
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("lifecycle", "metrics", "rules")
FLIP = {"<": "<=", "<=": "<", ">": ">=", ">=": ">"}
_OPS = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
#: the tests that cover each package (run with -x: the first failure kills the mutant)
TESTS: dict[str, tuple[str, ...]] = {
    "lifecycle": (
        "tests/lifecycle",
        "tests/metrics",
        "tests/rules",
        "tests/test_check_status_agree.py",
        "tests/cli/test_due.py",
    ),
    "metrics": (
        "tests/metrics",
        "tests/lifecycle",
        "tests/test_check_status_agree.py",
        "tests/cli/test_status.py",
        "tests/cli/test_status_registries.py",
        "tests/test_registries_agree.py",
    ),
    "rules": (
        "tests/rules",
        "tests/test_corpus.py",
        "tests/test_check_status_agree.py",
        "tests/lifecycle",
    ),
}
#: Mutants known to be equivalent (no input can tell them apart), by
#: "path:line:op", with the reason. The report lists them separately.
EQUIVALENT: dict[str, str] = {}
_SKIP = (".git", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "*.egg-info")


@dataclass(frozen=True)
class Mutant:
    path: str  # relative to the repository, e.g. src/jgsw_std/lifecycle/state.py
    line: int
    col: int  # 0-based column of the operator
    old: str
    new: str
    text: str  # the source line, for the report

    @property
    def key(self) -> str:
        return f"{self.path}:{self.line}:{self.old}"

    @property
    def package(self) -> str:
        return Path(self.path).parts[2]


def find_mutants(path: Path) -> list[Mutant]:
    """Every ordering operator of the module, located by its token."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        left: ast.expr = node.left
        for op, right in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, _OPS):
                end = (left.end_lineno or 0, left.end_col_offset or 0)
                spans.append((end, (right.lineno, right.col_offset)))
            left = right
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    lines = source.splitlines()
    rel = path.relative_to(REPO).as_posix()
    out: list[Mutant] = []
    for start, stop in spans:
        for tok in tokens:
            if tok.type == tokenize.OP and tok.string in FLIP and start <= tok.start < stop:
                row, col = tok.start
                text = lines[row - 1].strip()
                out.append(Mutant(rel, row, col, tok.string, FLIP[tok.string], text))
                break
    return sorted(out, key=lambda m: (m.path, m.line, m.col))


def apply(source: str, mutant: Mutant) -> str:
    lines = source.splitlines(keepends=True)
    line = lines[mutant.line - 1]
    assert line[mutant.col : mutant.col + len(mutant.old)] == mutant.old, mutant
    lines[mutant.line - 1] = line[: mutant.col] + mutant.new + line[mutant.col + len(mutant.old) :]
    return "".join(lines)


def make_copy(parent: Path) -> Path:
    """A copy of the repository (without .git and caches) for one worker to mutate."""
    root = parent / f"copy-{len(list(parent.iterdir()))}"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(*_SKIP))
    return root


def run_tests(root: Path, package: str) -> tuple[bool, float, str]:
    """Run the package's tests in the copy; (passed, seconds, the first failure)."""
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    args = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--no-header"]
    started = time.monotonic()
    done = subprocess.run(
        [*args, *TESTS[package]], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    seconds = time.monotonic() - started
    failed = [line for line in done.stdout.splitlines() if line.startswith("FAILED")]
    return done.returncode == 0, seconds, failed[0] if failed else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[], help="a path under src/jgsw_std")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    options = parser.parse_args()
    files = [
        path
        for package in PACKAGES
        for path in sorted((REPO / "src" / "jgsw_std" / package).glob("*.py"))
        if not options.only or any(path.as_posix().endswith(o) for o in options.only)
    ]
    mutants = [m for path in files for m in find_mutants(path)]
    if options.list:
        for m in mutants:
            print(f"{m.key:<50} {m.old} -> {m.new}   {m.text}")
        print(f"{len(mutants)} mutants")
        return 0
    parent = Path(tempfile.mkdtemp(prefix="jgsw-mutate-"))
    copies = [make_copy(parent) for _ in range(max(1, options.workers))]
    baseline = run_tests(copies[0], "lifecycle")
    if not baseline[0]:
        print(f"the tests fail before any mutation: {baseline[2]}")
        return 1
    free = list(copies)
    results: dict[str, tuple[bool, float, str]] = {}

    def one(mutant: Mutant) -> None:
        root = free.pop()
        target = root / mutant.path
        original = target.read_text(encoding="utf-8")
        try:
            target.write_text(apply(original, mutant), encoding="utf-8")
            passed, seconds, failure = run_tests(root, mutant.package)
        finally:
            target.write_text(original, encoding="utf-8")
            free.append(root)
        results[mutant.key + f":{mutant.col}"] = (passed, seconds, failure)
        state = "SURVIVED" if passed else "killed  "
        print(f"{state} {mutant.key:<50} {mutant.old}->{mutant.new}  {seconds:5.1f}s", flush=True)

    try:
        with ThreadPoolExecutor(max_workers=len(copies)) as pool:
            list(pool.map(one, mutants))
    finally:
        shutil.rmtree(parent, ignore_errors=True)
    survivors = [m for m in mutants if results[m.key + f":{m.col}"][0]]
    unexplained = [m for m in survivors if m.key not in EQUIVALENT]
    killed = len(mutants) - len(survivors)
    print()
    print(f"boundary mutants: {len(mutants)}, killed: {killed}, survived: {len(survivors)}")
    print(f"kill rate: {killed}/{len(mutants)} = {killed / max(len(mutants), 1):.1%}")
    for m in survivors:
        why = EQUIVALENT.get(m.key, "NOT EXPLAINED")
        print(f"  {m.key} {m.old}->{m.new}: {m.text}\n      {why}")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
