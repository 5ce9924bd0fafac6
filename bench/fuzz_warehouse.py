"""The long run of the hostile-warehouse fuzz test (tests/robust/test_fuzz.py).

The suite runs 200 fixed examples; this runs as many random ones as asked and
prints hypothesis's statistics (examples run, failures, what it found):

    python bench/fuzz_warehouse.py            # 5,000 examples
    python bench/fuzz_warehouse.py 20000      # more
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    env = {**os.environ, "JGSW_FUZZ_EXAMPLES": str(examples)}
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--hypothesis-show-statistics",
        "tests/robust/test_fuzz.py",
    ]
    print(f"fuzzing {examples} hostile warehouses ...", flush=True)
    return subprocess.run(command, cwd=REPO, env=env, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
