"""The cache's figures (issue 11), each paired with the cold run of the same round.

On `jgsw demo --standards 10000` (`check`, median of --runs rounds):

- cold: the cache emptied before the run (it is filled on the way);
- no cache: ``--no-cache``, today's path with nothing remembered or written;
- warm: the same run again, nothing changed (budget: <= 0.15 s, <= 0.08x cold);
- one file changed: one standard's title edited before the run (budget <= 0.5x cold);

A file changed less than 3 s before a run is hashed again by the next one too
(load/blob_ids.py, "racy git"), so each round waits, untimed, until the file
edited in the round before has settled: "warm" is a run with nothing changed.

each in one process (JGSW_FORK=0) and sharing the work with a forked child
(JGSW_FORK=1), so that the default of the two-process split can be read off.
Then `trend --every quarter` over a 500-commit, 1,000-standard history: the
first run with an empty cache, the second run (budget <= 0.3 s), and the run
without the cache (today's).

The rounds interleave the cases, so that a machine slowing down or speeding up
(other jobs share its two cores) moves every case of a round together; the
ratios are medians of each round's own ratio. Read them with the reference
loop printed before and after: on a busy machine every figure moves.

    python bench/bench_cache.py [--runs 5] [--keep DIR] [--standards 10000] [--baseline SRC]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Sample, compile_jgsw, demo_warehouse, machine_speed, measure, medians

from jgsw_std.load.blob_ids import SETTLED_NS
from jgsw_std.load.cache import ENV_DIR

WARM_BUDGET_S, WARM_RATIO, ONE_RATIO, TREND_BUDGET_S = 0.15, 0.08, 0.5, 0.3
SETTLED_S = SETTLED_NS / 1e9 + 0.2


def _toggle_title(path: Path) -> None:
    """Change one file a little (its title gains or loses a character)."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("title: "):
            body = line.rstrip("\n")
            lines[index] = (body[:-1] if body.endswith("甲") else body + "甲") + "\n"
            break
    path.write_text("".join(lines), encoding="utf-8", newline="")


def _line(
    label: str, sample: Sample, cold: Sample | None = None, ratio: float | None = None
) -> str:
    text = (
        f"  {label:<22} wall {sample.wall:6.3f} s   cpu {sample.cpu:6.3f} s"
        f"   rss {sample.rss_mb:5.0f} MB"
    )
    if cold is not None and ratio is not None:
        text += f"   {ratio:5.3f}x cold"
    return text


def check_rounds(
    root: Path, cache: Path, runs: int, fork: str, baseline: Path | None
) -> dict[str, list[Sample]]:
    env = {ENV_DIR: str(cache), "JGSW_FORK": fork}
    command = ["check", "--root", str(root), "--as-of", "2025-12-31"]
    victim = next((root / "data" / "standards").rglob("*.yaml"))
    found: dict[str, list[Sample]] = {"cold": [], "no cache": [], "warm": [], "one changed": []}
    # jgsw before the cache, from a checkout of it: it forks unless JGSW_NO_FORK
    before = {"PYTHONPATH": str(baseline), **({"JGSW_NO_FORK": "1"} if fork == "0" else {})}
    if baseline is not None:
        found["before the cache"] = []
    measure([*command, "--no-cache"], env)  # the file cache, warm
    edited = 0.0
    for _ in range(runs):
        time.sleep(max(0.0, edited + SETTLED_S - time.time()))  # see the module's docstring
        shutil.rmtree(cache, ignore_errors=True)
        found["cold"].append(measure(command, env))
        found["no cache"].append(measure([*command, "--no-cache"], env))
        if baseline is not None:
            found["before the cache"].append(measure(command, before))
        found["warm"].append(measure(command, env))
        _toggle_title(victim)
        edited = time.time()
        found["one changed"].append(measure(command, env))
    return found


def _ratio(found: dict[str, list[Sample]], case: str) -> float:
    return statistics.median(
        one.wall / cold.wall for one, cold in zip(found[case], found["cold"], strict=True)
    )


def report_check(found: dict[str, list[Sample]], label: str) -> bool:
    cold = medians(found["cold"])
    print(f"jgsw check, {label}:")
    ok = True
    for case in found:
        sample = medians(found[case])
        ratio = _ratio(found, case)
        line = _line(case, sample, cold, ratio)
        if case == "warm":
            good = sample.wall <= WARM_BUDGET_S and ratio <= WARM_RATIO
            line += f"   budget {WARM_BUDGET_S} s and {WARM_RATIO}x: {'OK' if good else 'OVER'}"
            ok &= good
        elif case == "one changed":
            good = ratio <= ONE_RATIO
            line += f"   budget {ONE_RATIO}x: {'OK' if good else 'OVER'}"
            ok &= good
        print(line)
    return ok


def trend_rounds(parent: Path, cache: Path, runs: int, baseline: Path | None) -> bool:
    from bench_trend import RANGE, demo_history

    root = demo_history(parent)
    env = {ENV_DIR: str(cache)}
    command = ["trend", "--every", "quarter", *RANGE, "--root", str(root)]
    first: list[Sample] = []
    second: list[Sample] = []
    plain: list[Sample] = []
    before: list[Sample] = []
    measure([*command, "--no-cache"], env)
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        first.append(measure(command, env))
        second.append(measure(command, env))
        plain.append(measure([*command, "--no-cache"], env))
        if baseline is not None:
            before.append(measure(command, {"PYTHONPATH": str(baseline)}))
    print("jgsw trend --every quarter, 1,000 standards, 500 commits:")
    if before:
        print(_line("before the cache", medians(before)))
    print(_line("no cache", medians(plain)))
    print(_line("first run", medians(first)))
    warm = medians(second)
    good = warm.wall <= TREND_BUDGET_S
    print(_line("second run", warm) + f"   budget {TREND_BUDGET_S} s: {'OK' if good else 'OVER'}")
    return good


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--standards", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="reuse demo warehouses in this folder")
    parser.add_argument("--skip-trend", action="store_true")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="the src/ folder of a jgsw without the cache (a checkout of an older commit): "
        "its check is timed beside the others, as 'before the cache'",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        parent = args.keep or Path(scratch)
        parent.mkdir(parents=True, exist_ok=True)
        root = demo_warehouse(parent, args.standards)
        cache = Path(scratch) / "cache"
        print(compile_jgsw())
        print(machine_speed())
        ok = True
        for fork, label in (("0", "one process"), ("1", "two processes (forked child)")):
            found = check_rounds(root, cache, args.runs, fork, args.baseline)
            ok &= report_check(found, f"{args.standards:,} standards, {label}")
        if not args.skip_trend:
            ok &= trend_rounds(parent, cache, args.runs, args.baseline)
        print(machine_speed())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
