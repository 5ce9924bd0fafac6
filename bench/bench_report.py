"""Time `jgsw report` (HTML and Markdown) on a 10,000-standard demo warehouse.

Budget (issue 5): 10,000 standards, at most 3 s wall including start-up on a
2-core machine, for the whole run: load, every indicator, every check, the
district rows, rendering and writing the file. Each run is a fresh process;
the operating system's file cache is warm after the first run. The demo has
no git history, so the trend section (which reads history) is not timed here.

    python bench/bench_report.py [--runs 7] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import demo_warehouse, report, time_command

SIZE = 10_000
BUDGET = 3.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="reuse demo warehouses in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        parent = args.keep or Path(scratch)
        parent.mkdir(parents=True, exist_ok=True)
        root = demo_warehouse(parent, SIZE)
        over = False
        for fmt in ("html", "md"):
            out = Path(scratch) / f"report.{fmt}"
            command = [
                "report", "--root", str(root), "--as-of", "2025-12-31",
                "--format", fmt, "-o", str(out),
            ]  # fmt: skip
            time_command(command, 1)  # warm the file cache
            times = time_command(command, args.runs)
            size = out.stat().st_size / 1_000_000 if out.exists() else 0.0
            line = report(f"jgsw report --format {fmt}, {SIZE:,} standards", times, BUDGET)
            print(f"{line}; output {size:.1f} MB")
            over |= "OVER" in line or not out.exists()
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
