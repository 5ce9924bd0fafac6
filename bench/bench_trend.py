"""Time `jgsw trend` over a 500-commit, 1,000-standard demo history.

Budget (issue 6): at most 1.5 s wall, start-up included, on a 2-core machine,
for `jgsw trend` as a person runs it (year ends over the plan, 2021-2025) and
for the quarterly trend (twenty revisions). The monthly trend (sixty
revisions, each read from git and judged as of its month's end) is printed
for information: past reading git, each point costs one full computation of
the twenty indicators (about 20 ms on 1,000 standards), which two processes
share, so it needs both cores free. Each run is a fresh process; git's files
are in the OS cache after the first.

    python bench/bench_trend.py [--runs 7] [--keep DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import report, time_command

from jgsw_std.demo.generator import build_demo, write_demo
from jgsw_std.demo.history import build_history

STANDARDS, COMMITS = 1_000, 500
RANGE = ["--since", "2021-01-01", "--until", "2025-12-31"]
CASES = [
    ("year", 1.5),
    ("quarter", 1.5),
    ("month", None),
]


def demo_history(parent: Path) -> Path:
    root = parent / f"demo-history-{STANDARDS}-{COMMITS}"
    if not (root / ".git").exists():
        demo = build_demo(STANDARDS, seed=1)
        write_demo(root, demo)
        build_history(root, demo, commits=COMMITS, seed=1)
    return root


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="reuse the demo history in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        parent = args.keep or Path(scratch)
        parent.mkdir(parents=True, exist_ok=True)
        root = demo_history(parent)
        count = (
            subprocess.run(
                ["git", "rev-list", "--count", "HEAD"], cwd=root, capture_output=True, check=True
            )
            .stdout.decode()
            .strip()
        )
        print(f"demo history: {STANDARDS:,} standards, {count} commits, in {root}")
        over = False
        for every, budget in CASES:
            command = ["trend", "--every", every, *RANGE, "--root", str(root)]
            # a failing command would time an error message: make sure it works first
            done = subprocess.run(
                [sys.executable, "-m", "jgsw_std", *command], capture_output=True, check=False
            )
            if done.returncode != 0:
                print(done.stderr.decode("utf-8", errors="replace"), file=sys.stderr)
                return 2
            times = time_command(command, args.runs)
            line = report(f"jgsw trend --every {every} (2021-2025)", times, budget)
            over |= "OVER" in line
            print(line)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
