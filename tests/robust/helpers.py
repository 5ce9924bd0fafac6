"""Running jgsw in a child process with a deadline: a hang fails the test instead of the suite."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import jgsw_std

SRC = str(Path(jgsw_std.__file__).resolve().parents[1])

#: A hang guard, not a timing goal (timing lives in bench/bench_hostile.py, whose
#: budget is the issue's five seconds): a hostile file that hung jgsw before its
#: bound still hangs past this, while a slow, busy CI machine stays well inside it.
DEADLINE = 30.0


def run_jgsw(
    *args: str, timeout: float = DEADLINE, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m jgsw_std ARGS`` from this checkout; raises TimeoutExpired past ``timeout``.

    It runs in the warehouse's folder (``--root``), so that a report written to
    its default name lands there and never in the folder the tests run from.
    """
    cwd = args[args.index("--root") + 1] if "--root" in args else tempfile.gettempdir()
    environ = {**os.environ, **(env or {})}
    environ["PYTHONPATH"] = SRC + os.pathsep + environ.get("PYTHONPATH", "")
    environ.pop("JGSW_ROOT", None)
    environ.pop("JGSW_LANG", None)
    return subprocess.run(
        [sys.executable, "-m", "jgsw_std", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        env=environ,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
    )
