"""Time what the registries add to `jgsw check`: 10,000 standards with and without them.

Budget (issue 14): loading and checking 2,000 feedback items and 300 experts
(with the demo's materials) adds at most 10% to `jgsw check` on a
10,000-standard warehouse. Two copies of the same 10,000-standard demo are
timed in turns, fresh processes each run (wall time against the budget; CPU
time printed too, as it drifts less on a shared machine): one without data/experts,
data/materials and data/feedback, one with 300 experts and 2,000 feedback
items. Review lines naming experts are removed from both, so that the copy
without a pool is not slowed down by reporting unknown experts.

    python bench/bench_registries.py [--runs 7] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import compile_jgsw, demo_warehouse, machine_speed, report

from jgsw_std.demo.registries import EXPERTS
from jgsw_std.edit.quoting import render_document
from jgsw_std.model.base import SYNTHETIC

STANDARDS, EXPERT_COUNT, FEEDBACK_COUNT, BUDGET = 10_000, 300, 2_000, 0.10
_REVIEW_EXPERTS = re.compile(r", experts: \[[^\]]*\]")
AREAS = ("office-space", "vehicles", "energy", "logistics", "reception", "assets", "general")


def _strip_review_experts(root: Path) -> None:
    for path in (root / "data" / "standards").rglob("*.yaml"):
        text = path.read_text("utf-8")
        if "experts:" in text:
            path.write_text(_REVIEW_EXPERTS.sub("", text), encoding="utf-8", newline="\n")


def _experts(root: Path, rng: random.Random) -> None:
    folder = root / "data" / "experts"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    slugs = [e[0] for e in EXPERTS] + [f"bench-expert-{i:03d}" for i in range(EXPERT_COUNT)]
    for slug in slugs[:EXPERT_COUNT]:
        appointed = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randint(0, 1500))
        record = {
            "slug": slug,
            "name": f"专家{slug[-3:]}",
            "organization": rng.choice(["重庆市标准化研究院（示例）", "重庆大学（示例）"]),
            "fields": sorted(rng.sample(AREAS, k=2)),
            "appointed": appointed,
            "term_ends": appointed + dt.timedelta(days=3 * 365),
            "contact": {"phone": "023-0000-0000", "email": f"{slug}@experts.cqjgsw.example"},
            "source": SYNTHETIC,
        }
        (folder / f"{slug}.yaml").write_text(render_document(record, [SYNTHETIC]), "utf-8")


def _feedback(root: Path, rng: random.Random) -> None:
    folder = root / "data" / "feedback"
    shutil.rmtree(folder, ignore_errors=True)
    codes = []
    for path in (root / "data" / "standards").rglob("*.yaml"):
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("code: "):
                codes.append(line[6:].strip('"'))
                break
    units = sorted(p.stem for p in (root / "data" / "districts").glob("*.yaml"))
    numbers: dict[int, int] = {}
    for _ in range(FEEDBACK_COUNT):
        received = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randint(0, 1800))
        numbers[received.year] = numbers.get(received.year, 0) + 1
        ident = f"{received.year}-{numbers[received.year]:04d}"
        record: dict[str, object] = {
            "id": ident,
            "standard": rng.choice(codes),
            "from": rng.choice(units),
            "received": received,
            "kind": "problem",
            "text": "条款难以执行。",
        }
        # as a bureau's file would look: nearly every item answered in time and closed
        if rng.random() < 0.98:
            answered = received + dt.timedelta(days=rng.randint(1, 30))
            record["response"] = {"date": answered, "by": "chongqing", "action": "interpretation"}
            if rng.random() < 0.95:
                record["closed"] = answered + dt.timedelta(days=rng.randint(1, 60))
        record["source"] = SYNTHETIC
        path = folder / str(received.year) / f"{ident}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_document(record, [SYNTHETIC]), "utf-8")


def prepare(parent: Path) -> tuple[Path, Path]:
    base = demo_warehouse(parent, STANDARDS)
    without, with_ = parent / "without-registries", parent / "with-registries"
    for target in (without, with_):
        if not target.exists():
            shutil.copytree(base, target)
            _strip_review_experts(target)
    for name in ("experts", "materials", "feedback"):
        shutil.rmtree(without / "data" / name, ignore_errors=True)
    rng = random.Random(14)
    if not (with_ / "data" / "feedback" / ".bench").exists():
        _experts(with_, rng)
        _feedback(with_, rng)
        (with_ / "data" / "feedback" / ".bench").write_text("generated\n")
    return without, with_


def timed(args: list[str]) -> tuple[float, float]:
    """Wall and CPU time (user + system, the forked child's included) of one fresh run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "jgsw_std", *args],
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def in_process(root: Path, runs: int) -> tuple[float, float, float, float]:
    """Load and check one warehouse in this process, with and without its registry files
    (CPU time, best of ``runs``, the cyclic collector off as `jgsw` runs): what the
    registries cost, free of start-up and of other processes' noise."""
    import gc

    from jgsw_std.app.check import check_warehouse
    from jgsw_std.load.files import read_worktree
    from jgsw_std.load.warehouse import build_warehouse

    sources = read_worktree(root)
    registry = ("data/experts/", "data/materials/", "data/feedback/")
    base = [s for s in sources if not s.rel.startswith(registry)]
    best = [float("inf")] * 4
    gc.disable()
    try:
        for _ in range(runs):
            for index, chosen in ((0, base), (1, sources)):
                start = time.process_time()
                wh = build_warehouse(chosen, root=root)
                loaded = time.process_time()
                check_warehouse(wh, dt.date(2025, 12, 31))
                done = time.process_time()
                best[index] = min(best[index], loaded - start)
                best[index + 2] = min(best[index + 2], done - loaded)
    finally:
        gc.enable()
    return best[0], best[1], best[2], best[3]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="reuse the warehouses in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        parent = args.keep or Path(scratch)
        parent.mkdir(parents=True, exist_ok=True)
        without, with_ = prepare(parent)
        print(compile_jgsw())
        print(machine_speed())
        commands = {
            # --no-cache: the whole load and check each run, not a remembered result
            name: ["check", "--no-cache", "--root", str(root), "--as-of", "2025-12-31"]
            for name, root in (("without", without), ("with", with_))
        }
        for command in commands.values():
            timed(command)  # warm the file cache
        times: dict[str, list[float]] = {"without": [], "with": []}
        cpu: dict[str, list[float]] = {"without": [], "with": []}
        for _ in range(args.runs):  # in turns, so that a drifting machine hits both alike
            for name, command in commands.items():
                wall, used = timed(command)
                times[name].append(wall)
                cpu[name].append(used)
        print(report(f"jgsw check, {STANDARDS:,} standards, no registries", times["without"]))
        print(
            report(
                f"jgsw check, {STANDARDS:,} standards, {EXPERT_COUNT} experts, "
                f"{FEEDBACK_COUNT:,} feedback items",
                times["with"],
            )
        )
        base, extra = statistics.median(times["without"]), statistics.median(times["with"])
        ratio = extra / base - 1
        verdict = "within" if ratio <= BUDGET else "OVER"
        print(f"registries add {ratio:+.1%} wall time (budget {BUDGET:.0%}): {verdict}")
        cpu_base, cpu_extra = statistics.median(cpu["without"]), statistics.median(cpu["with"])
        print(
            f"CPU time (both processes): {cpu_base:.3f} s -> {cpu_extra:.3f} s, "
            f"{cpu_extra / cpu_base - 1:+.1%} (steadier than wall time on a busy machine)"
        )
        load0, load1, rules0, rules1 = in_process(with_, args.runs)
        total0, total1 = load0 + rules0, load1 + rules1
        print(
            f"in one process, CPU: load {load0:.3f} -> {load1:.3f} s, rules {rules0:.3f} -> "
            f"{rules1:.3f} s; load and rules {total1 / total0 - 1:+.1%}"
        )
        print(machine_speed())
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
