"""Shared helpers for the benchmark scripts: demo warehouses and timing.

Benchmarks are scripts, not tests: timing depends on the machine, so they print
figures against the budgets instead of failing a test suite.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jgsw_std.demo.generator import build_demo, write_demo

#: Benchmarks never read or fill the user's cache: each script runs with a
#: scratch cache folder (see scratch_cache), and the timings of "cold" runs
#: turn the cache off (``--no-cache`` is today's path with nothing remembered).
NO_CACHE = {"JGSW_NO_CACHE": "1"}


def scratch_cache(folder: Path) -> dict[str, str]:
    """The environment that points jgsw's cache at ``folder`` (made empty)."""
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    return {"JGSW_CACHE_DIR": str(folder)}


def demo_warehouse(parent: Path, standards: int, seed: int = 1) -> Path:
    root = parent / f"demo-{standards}"
    if not (root / "data" / "indicators.yaml").exists():
        write_demo(root, build_demo(standards, seed))
    return root


def time_command(
    args: list[str],
    runs: int,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    before: Callable[[], None] | None = None,
) -> list[float]:
    """Wall time of a fresh `jgsw` process per run (start-up included).

    ``env`` is added to this process's environment; ``before`` runs ahead of
    each run, outside the timing (dropping the file cache, say). The cache is
    off (:data:`NO_CACHE`): these are the timings of a run with nothing
    remembered; bench_cache.py times the cache.
    """
    times = []
    full_env = {**os.environ, **NO_CACHE, **(env or {})}
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "jgsw_std", *args],
            cwd=cwd,
            env=full_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        times.append(time.perf_counter() - start)
    return times


#: Runs `jgsw` as its child and prints wall time, CPU time (user + system, the
#: child and its own children) and peak resident memory (the largest process,
#: in KB: ru_maxrss of RUSAGE_CHILDREN), so one jgsw run is measured alone.
_PROBE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "wall = time.perf_counter() - start\n"
    "used = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(wall, used.ru_utime + used.ru_stime, used.ru_maxrss)\n"
)


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds, start-up included
    cpu: float  # seconds of CPU, every process of the run
    rss_mb: float  # peak resident memory of the largest process


def measure(args: list[str], env: dict[str, str] | None = None) -> Sample:
    """One fresh `jgsw` process, measured from a small parent of its own."""
    full_env = {**os.environ, **(env or {})}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, sys.executable, "-m", "jgsw_std", *args],
        env=full_env,
        capture_output=True,
        check=True,
    )
    wall, cpu, rss = done.stdout.decode().split()
    return Sample(float(wall), float(cpu), int(rss) / 1024)


def medians(samples: list[Sample]) -> Sample:
    return Sample(
        statistics.median(s.wall for s in samples),
        statistics.median(s.cpu for s in samples),
        statistics.median(s.rss_mb for s in samples),
    )


def compile_jgsw() -> str:
    """Compile jgsw's modules to bytecode first, as ``pip install`` does.

    An editable install on a machine with PYTHONDONTWRITEBYTECODE=1 keeps no
    bytecode, so every timed run would compile some 80 modules again (about
    0.08 s), which no installed jgsw does. One line saying so, to print.
    """
    import compileall

    import jgsw_std

    folder = Path(jgsw_std.__file__).resolve().parent
    compileall.compile_dir(folder, quiet=1)
    return f"bytecode: jgsw's modules compiled ({folder})"


def machine_speed() -> str:
    """One line on how fast this machine is right now, to read the figures by.

    Shared and virtual machines drift: the same `jgsw check` has measured 1.2 s
    and 1.7 s on one machine within an hour. A fixed pure-Python loop, timed
    next to the benchmarks, says whether a change in the figures is the code's
    or the machine's.
    """
    times = []
    for _ in range(5):
        start = time.perf_counter()
        total = 0
        for number in range(2_000_000):
            total += number
        times.append(time.perf_counter() - start)
    median_ms, min_ms = statistics.median(times) * 1000, min(times) * 1000
    return f"machine: reference loop (2e6 additions) median {median_ms:.0f} ms, min {min_ms:.0f} ms"


def report(label: str, times: list[float], budget: float | None = None) -> str:
    median = statistics.median(times)
    spread = f"min {min(times):.3f}, max {max(times):.3f}"
    line = f"{label}: median {median:.3f} s over {len(times)} runs ({spread})"
    if budget is not None:
        line += f"; budget {budget:.1f} s: {'OK' if median <= budget else 'OVER BUDGET'}"
    return line
