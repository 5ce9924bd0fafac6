"""Hostile warehouse files against the five-second budget of issue 12.

Each case is a small warehouse with one hostile file; each command runs as a
person would run it (a fresh process) and its wall time is printed against
the budget. The tests (tests/robust/test_hangs.py) check the codes and guard
against hangs; this script measures.

    python bench/bench_hostile.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.conftest import MINI_DISTRICTS, MINI_FRAMEWORK, MINI_INDICATORS, write_tree  # noqa: E402

BUDGET = 5.0
STANDARD = "data/standards/vehicles/db50-t-7-2020.yaml"
GOOD = (
    "code: DB50/T 7-2020\ntitle: 公务用车管理规范\nlevel: local\ncategory: operation\n"
    "area: vehicles\nitems: [vehicles.quota]\nstatus: published\n"
    "published: 2020-01-01\neffective: 2020-03-01\n"
)


def _bomb(root: Path) -> None:
    lines = ["k0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"k{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    (root / "data/standards/vehicles/bomb.yaml").write_text("\n".join(lines) + "\ncode: *a9\n")


def _fifo(root: Path) -> None:
    os.mkfifo(root / "data/standards/vehicles/pipe.yaml")


def _zero(root: Path) -> None:
    (root / "data/standards/vehicles/zero.yaml").symlink_to("/dev/zero")


def _title(root: Path) -> None:
    (root / STANDARD).write_text(GOOD.replace("公务用车管理规范", "规" * 17_000_000), "utf-8")


def _number(root: Path) -> None:
    (root / STANDARD).write_text(
        GOOD + "usage:\n  - {year: 2024, applying: " + "9" * 5000 + ", applicable: 5}\n", "utf-8"
    )


CASES: dict[str, Callable[[Path], None]] = {
    "alias bomb (10^10 values)": _bomb,
    "FIFO named pipe.yaml": _fifo,
    "link to /dev/zero": _zero,
    "50 MB title": _title,
    "5,000-digit number": _number,
}
COMMANDS = (["check"], ["status"], ["report", "-o", "report.html"], ["fmt", "--check"])


def main() -> int:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    worst = 0.0
    for name, make in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            write_tree(
                root,
                {"data/framework.yaml": MINI_FRAMEWORK, "data/indicators.yaml": MINI_INDICATORS,
                 **MINI_DISTRICTS, STANDARD: GOOD},
            )  # fmt: skip
            try:
                make(root)
            except (OSError, AttributeError) as exc:
                print(f"{name:28} skipped here: {exc}")
                continue
            for command in COMMANDS:
                started = time.perf_counter()
                try:
                    done = subprocess.run(
                        [sys.executable, "-m", "jgsw_std", *command, "--root", str(root)],
                        cwd=root, env=env, capture_output=True, timeout=60, check=False,
                    )  # fmt: skip
                    code = str(done.returncode)
                except subprocess.TimeoutExpired:
                    code = "hung"
                took = time.perf_counter() - started
                worst = max(worst, took)
                verdict = "ok" if took < BUDGET and code in ("0", "1") else "OVER"
                print(f"{name:28} {' '.join(command[:1]):7} exit {code:4} {took:6.2f} s  {verdict}")
    print(f"slowest: {worst:.2f} s (budget {BUDGET:.0f} s)")
    return 0 if worst < BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
