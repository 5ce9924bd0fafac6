"""Time `jgsw site` on the shipped warehouse and on 10,000 demo standards; size the site.

Budgets (issue 15), wall time of a fresh `jgsw site` process, search index included:

- the shipped warehouse (data/, 11 standards, with this repository's git history), a
  new folder each run: at most 3 s;
- 10,000 demo standards (no git history), a new folder: at most 60 s ("cold");
- the same folder rebuilt after one standard's title changed: at most 10 s (its page,
  the pages and downloads that list every standard, and the search index); also
  timed, after a review was recorded (the page changes, not what the search reads).

The machine is shared: the reference loop and the CPU time (user + system, the
Pagefind process included) are printed beside the wall times, and the steps
of one rebuild are timed in-process.

    python bench/bench_site.py [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import compile_jgsw, demo_warehouse, machine_speed

REPO = Path(__file__).resolve().parent.parent
SIZE = 10_000
BUDGETS = {"shipped": 3.0, "cold": 60.0, "one change": 10.0, "one review": 10.0}
AS_OF = "2025-12-31"


def run_site(root: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds (children included) of one `jgsw site` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "jgsw_std", "site", str(out), "--root", str(root), "--as-of", AS_OF],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(done.stderr.decode("utf-8", "replace"))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def line(label: str, samples: list[tuple[float, float]], budget: float) -> str:
    walls = [w for w, _ in samples]
    cpus = [c for _, c in samples]
    median = statistics.median(walls)
    verdict = "OK" if median <= budget else "OVER BUDGET"
    return (
        f"{label}: median {median:.2f} s wall (min {min(walls):.2f}, max {max(walls):.2f}), "
        f"CPU {statistics.median(cpus):.2f} s, over {len(walls)} runs; "
        f"budget {budget:.0f} s: {verdict}"
    )


def size_of(out: Path) -> str:
    files = [p for p in out.rglob("*") if p.is_file()]
    apparent = sum(p.stat().st_size for p in files)
    disk = sum(p.stat().st_blocks * 512 for p in files)
    bundle = [p for p in files if "pagefind" in p.relative_to(out).parts]
    pages = [p for p in files if p.suffix == ".html"]
    return (
        f"site at {SIZE:,} standards: {len(files):,} files, {apparent / 1e6:.1f} MB "
        f"({disk / 1e6:.1f} MB on disk); pages {len(pages):,} "
        f"({sum(p.stat().st_size for p in pages) / 1e6:.1f} MB), search index "
        f"{len(bundle):,} files ({sum(p.stat().st_size for p in bundle) / 1e6:.1f} MB), "
        f"catalogue.html {(out / 'catalogue.html').stat().st_size / 1e6:.1f} MB"
    )


def steps(root: Path, out: Path) -> str:
    """One rebuild in this process, step by step."""
    from jgsw_std.app.site import SiteRequest, plan_site
    from jgsw_std.output.site import write_site

    gc.disable()  # as `jgsw` itself runs (cli/app.py): the collector would walk the heap again
    request = SiteRequest(out=out, root=root, as_of=dt.date.fromisoformat(AS_OF))
    plan = plan_site(request)
    written = write_site(plan)
    laps = {**plan.timings, **written.timings}
    return "  steps: " + ", ".join(f"{k} {v:.2f} s" for k, v in laps.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="reuse demo warehouses in this folder")
    args = parser.parse_args()
    over = False
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        os.environ["JGSW_CACHE_DIR"] = str(work / "cache")  # the search stubs: not the user's
        parent = args.keep or work
        parent.mkdir(parents=True, exist_ok=True)
        print(compile_jgsw())
        print(machine_speed())
        shipped = []
        for n in range(args.runs + 1):
            sample = run_site(REPO, work / f"shipped-{n}")
            if n:  # the first run warms the file cache
                shipped.append(sample)
        text = line("jgsw site, shipped warehouse, new folder", shipped, BUDGETS["shipped"])
        print(text)
        over |= "OVER" in text

        source = demo_warehouse(parent, SIZE)
        root = work / "wh"
        shutil.copytree(source / "data", root / "data")
        cold = []
        for n in range(args.runs):
            out = work / f"cold-{n}"
            cold.append(run_site(root, out))
        text = line(f"jgsw site, {SIZE:,} standards, new folder", cold, BUDGETS["cold"])
        print(text)
        over |= "OVER" in text
        print(size_of(out))

        target = next(  # a standard with no reviews yet: the review case adds the key
            p
            for p in sorted((root / "data" / "standards").rglob("*.yaml"))
            if "\nreviews:" not in p.read_text("utf-8")
        )
        original = target.read_text("utf-8")
        changed = []
        for n in range(args.runs):
            title = next(x for x in original.splitlines() if x.startswith("title:"))
            target.write_text(original.replace(title, f"{title}（第{n + 2}版）"), "utf-8")
            changed.append(run_site(root, out))
        label = f"jgsw site, {SIZE:,} standards, one file changed"
        text = line(label, changed, BUDGETS["one change"])
        print(text)
        over |= "OVER" in text
        reviewed = []
        for n in range(args.runs):
            review = f"reviews:\n  - {{date: 2025-0{n + 1}-15, conclusion: continue}}\n"
            target.write_text(original + review, "utf-8")
            reviewed.append(run_site(root, out))
        label = f"jgsw site, {SIZE:,} standards, one review recorded"
        text = line(label, reviewed, BUDGETS["one review"])
        print(text)
        over |= "OVER" in text
        title = next(x for x in original.splitlines() if x.startswith("title:"))
        target.write_text(original.replace(title, f"{title}（第九版）"), "utf-8")
        print(steps(root, out))
        print(machine_speed())
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
