"""Time `jgsw find` on 10,000 demo standards, with and without its search index.

Budget (issue 15): at most 0.3 s wall per search at 10,000 standards from the index
(the content-addressed cache's budget), and before it no slower than `jgsw check`.
The index lives in JGSW_CACHE_DIR (a temporary folder here). "First" is the run
that loads the warehouse and writes the index; "indexed" the runs after it.

    python bench/bench_find.py [--runs 7] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import compile_jgsw, demo_warehouse, machine_speed, report, time_command

SIZE = 10_000
BUDGET = 0.3
QUERIES = ["DB50T2005", "1056-2020", "物业", "公务用车 处置", "property"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="reuse demo warehouses in this folder")
    args = parser.parse_args()
    over = False
    with tempfile.TemporaryDirectory() as scratch:
        parent = args.keep or Path(scratch)
        parent.mkdir(parents=True, exist_ok=True)
        root = demo_warehouse(parent, SIZE)
        cache = Path(scratch) / "cache"
        env = {"JGSW_CACHE_DIR": str(cache)}
        print(compile_jgsw())
        print(machine_speed())
        check = ["check", "--root", str(root)]
        time_command(check, 1)
        print(report(f"jgsw check, {SIZE:,} standards (for comparison)", time_command(check, 3)))
        for query in QUERIES:
            command = ["find", query, "--root", str(root)]
            firsts = []
            for _ in range(3):
                shutil.rmtree(cache, ignore_errors=True)
                firsts += time_command(command, 1, env=env)
            print(report(f"jgsw find {query!r}, first (loads, writes the index)", firsts))
            line = report(
                f"jgsw find {query!r}, indexed", time_command(command, args.runs, env=env), BUDGET
            )
            over |= "OVER" in line
            print(line)
        print(machine_speed())
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
