"""Time `jgsw check` on 1,000- and 10,000-standard demo warehouses.

Budget (issue 2): 10,000 standards, cold, at most 1.5 s wall including start-up
on a 2-core machine. "Cold" here means a fresh process each run (imports,
discovery, parsing, validation and every rule, jgsw's cache turned off: see
bench_cache.py for it); the operating system's file cache is warm after the
first run, as it is for a person running check twice. The default is one
process; also printed, for information:

- two processes (``JGSW_FORK=1``: a forked child takes a share of the work);
- with ``--drop-caches`` (Linux, as root), the operating system's file cache
  emptied before each run, so that Python, the libraries and all 10,000 files
  come from disk.

    python bench/bench_check.py [--runs 7] [--keep DIR] [--drop-caches]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import compile_jgsw, demo_warehouse, machine_speed, report, time_command

BUDGETS = {1_000: None, 10_000: 1.5}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="reuse demo warehouses in this folder")
    parser.add_argument(
        "--drop-caches", action="store_true", help="also time with the file cache emptied (root)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        parent = args.keep or Path(scratch)
        parent.mkdir(parents=True, exist_ok=True)
        over = False
        roots = {size: demo_warehouse(parent, size) for size in BUDGETS}
        print(compile_jgsw())
        print(machine_speed())
        for size, budget in BUDGETS.items():
            command = ["check", "--root", str(roots[size])]
            time_command(command, 1)  # warm the file cache
            line = report(
                f"jgsw check, {size:,} standards", time_command(command, args.runs), budget
            )
            over |= "OVER" in line
            print(line)
            shared = time_command(command, args.runs, env={"JGSW_FORK": "1"})
            print(report("  two processes (JGSW_FORK=1)", shared))
        print(machine_speed())
        if args.drop_caches:  # last: an emptied cache slows the runs after it for a while
            for size in BUDGETS:
                cold = time_command(["check", "--root", str(roots[size])], 3, before=_drop_caches)
                print(report(f"jgsw check, {size:,} standards, file cache emptied each run", cold))
    return 1 if over else 0


def _drop_caches() -> None:
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


if __name__ == "__main__":
    sys.exit(main())
