"""Peak memory of `jgsw check` and `jgsw report` at 50,000 standards (issue 11).

Budget: at most 500 MB resident, for each command, measured as the largest
process's peak (``ru_maxrss`` of RUSAGE_CHILDREN, read by a small parent of
each run, so a forked child of jgsw counts too). Printed for the default
(one process), for JGSW_FORK=1 (a forked child shares check's work), and for
check and report with an empty cache (it is filled on the way). Wall and CPU
time are printed beside them; at 50,000 standards a run takes some seconds,
so the default is three runs.

    python bench/bench_memory.py [--runs 3] [--standards 50000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import NO_CACHE, Sample, demo_warehouse, measure, medians

from jgsw_std.load.cache import ENV_DIR

BUDGET_MB = 500


def _line(label: str, sample: Sample) -> str:
    verdict = "OK" if sample.rss_mb <= BUDGET_MB else "OVER"
    return (
        f"  {label:<34} peak {sample.rss_mb:5.0f} MB ({verdict}, budget {BUDGET_MB})"
        f"   wall {sample.wall:6.2f} s   cpu {sample.cpu:6.2f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--standards", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="reuse demo warehouses in this folder")
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as scratch:
        parent = args.keep or Path(scratch)
        parent.mkdir(parents=True, exist_ok=True)
        root = demo_warehouse(parent, args.standards)
        cache = Path(scratch) / "cache"
        report = Path(scratch) / "report.html"
        check = ["check", "--root", str(root), "--as-of", "2025-12-31"]
        cases: list[tuple[str, list[str], dict[str, str], bool]] = [
            ("check", check, NO_CACHE, False),
            ("check, JGSW_FORK=1", check, {**NO_CACHE, "JGSW_FORK": "1"}, False),
            ("check, empty cache", check, {ENV_DIR: str(cache)}, True),
            ("report", ["report", "--root", str(root), "-o", str(report)], NO_CACHE, False),
            # the run people make first: every record is encoded for the cache on the way
            (
                "report, empty cache",
                ["report", "--root", str(root), "-o", str(report)],
                {ENV_DIR: str(cache)},
                True,
            ),
        ]
        print(f"{args.standards:,} standards, median of {args.runs} runs:")
        for label, command, env, fresh in cases:
            samples = []
            for _ in range(args.runs):
                if fresh:
                    shutil.rmtree(cache, ignore_errors=True)
                samples.append(measure(command, env))
            sample = medians(samples)
            ok &= sample.rss_mb <= BUDGET_MB or "FORK" in label
            print(_line(label, sample))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
