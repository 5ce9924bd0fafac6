"""Time `jgsw check` on 1,000- and 10,000-standard demo warehouses.

Budget (issue 2): 10,000 standards, cold, at most 1.5 s wall including start-up
on a 2-core machine. "Cold" here means a fresh process each run (imports,
discovery, parsing, validation and every rule); the operating system's file
cache is warm after the first run, as it is for a person running check twice.

    python bench/bench_check.py [--runs 7] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import demo_warehouse, report, time_command

BUDGETS = {1_000: None, 10_000: 1.5}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="reuse demo warehouses in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        parent = args.keep or Path(scratch)
        parent.mkdir(parents=True, exist_ok=True)
        over = False
        for size, budget in BUDGETS.items():
            root = demo_warehouse(parent, size)
            time_command(["check", "--root", str(root)], 1)  # warm the file cache
            times = time_command(["check", "--root", str(root)], args.runs)
            line = report(f"jgsw check, {size:,} standards", times, budget)
            over |= "OVER" in line
            print(line)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
