"""The demo use case: a synthetic, clearly labelled warehouse, and optionally its git history."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jgsw_std.demo.generator import build_demo, write_demo
from jgsw_std.demo.history import HistorySummary, build_history
from jgsw_std.errors import UsageError
from jgsw_std.progress import SILENT, Progress


@dataclass
class DemoResult:
    directory: Path
    files: int
    standards: int
    seed: int
    history: HistorySummary | None


def run_demo(
    directory: Path,
    standards: int,
    seed: int,
    history: bool,
    commits: int,
    progress: Progress = SILENT,
) -> DemoResult:
    """Write the demo into an empty (or new) folder; never overwrites anything."""
    if directory.exists() and any(directory.iterdir()):
        raise UsageError(
            "demo_not_empty",
            zh=f"{directory} 不是空目录，为免覆盖已有文件，未写入。",
            en=f"{directory} is not empty; nothing was written, to avoid overwriting files.",
            hint_zh="换一个新目录名。",
            hint_en="Choose a new folder.",
        )
    with progress.step(f"生成 {standards} 项标准", f"making {standards} standards"):
        generated = build_demo(standards, seed)
    with progress.step("写入文件", "writing the files"):
        count = write_demo(directory, generated)
    made = None
    if history:
        made = build_history(directory, generated, commits=commits, seed=seed, progress=progress)
    return DemoResult(directory, count, standards, seed, made)
