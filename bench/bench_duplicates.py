"""What duplicate detection (Q701) adds to `jgsw check` on a 10,000-standard demo warehouse.

Budget (issue 4): under 0.3 s. Two figures, each the median of several runs:

- in process: the Q701 check itself (normalize, block by area, index bigrams,
  pair), then placing and printing its findings, on a warehouse already
  loaded, with the per-date states other rules share already computed;
- end to end: `jgsw check` in a fresh process with every rule, minus the same
  with every rule but Q701 (the difference is noisier: both runs pay start-up
  and loading).

    python bench/bench_duplicates.py [--runs 7] [--keep DIR] [--standards 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import demo_warehouse, report, time_command

from jgsw_std.load.warehouse import load_worktree
from jgsw_std.output.check import FindingsContext, write_text
from jgsw_std.rules.registry import RULES, CheckContext, ensure_loaded
from jgsw_std.rules.runner import CheckOptions, settle

BUDGET = 0.3
ALL_BUT_Q701 = "Y,S,N,R,D,G,L,Q702,Q703,U"


def in_process(root: Path, runs: int) -> tuple[list[float], list[float], int, int]:
    """(check times, place-and-print times, findings, standards)."""
    wh = load_worktree(root)
    ensure_loaded()
    ctx = CheckContext.on(wh, dt.date.today())
    _ = ctx.at.states  # shared with the other G, L and Q rules: not Q701's cost
    rule = RULES["Q701"]
    checks: list[float] = []
    outputs: list[float] = []
    found = 0
    gc.disable()  # as `jgsw` itself runs
    for _ in range(runs):
        start = time.perf_counter()
        problems = list(rule(wh, ctx))
        checks.append(time.perf_counter() - start)
        start = time.perf_counter()
        result = settle(wh, problems, CheckOptions())
        write_text(FindingsContext(result, wh.counts, "zh", str(root), ctx.as_of.isoformat()))
        outputs.append(time.perf_counter() - start)
        found = len(problems)
    gc.enable()
    return checks, outputs, found, len(wh.standards)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="reuse demo warehouses in this folder")
    parser.add_argument("--standards", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        parent = args.keep or Path(scratch)
        parent.mkdir(parents=True, exist_ok=True)
        root = demo_warehouse(parent, args.standards)
        checks, outputs, found, size = in_process(root, args.runs)
        total = [c + o for c, o in zip(checks, outputs, strict=True)]
        print(f"demo warehouse: {size:,} standards; Q701 reports {found:,} likely duplicates")
        print(report("Q701 check (in process)", checks))
        print(report("Q701 placing and printing its findings", outputs))
        line = report("Q701 added to jgsw check (in process)", total, BUDGET)
        print(line)
        base = ["check", "--root", str(root)]
        time_command(base, 1)  # warm the file cache
        without = time_command([*base, "--select", ALL_BUT_Q701], args.runs)
        with_all = time_command(base, args.runs)
        delta = statistics.median(with_all) - statistics.median(without)
        print(report("jgsw check, every rule", with_all))
        print(report("jgsw check, every rule but Q701", without))
        print(f"Q701 added to jgsw check (end to end, difference of medians): {delta:.3f} s")
    return 1 if "OVER" in line else 0


if __name__ == "__main__":
    sys.exit(main())
