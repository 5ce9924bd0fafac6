"""Find the warehouse: the directory that holds data/indicators.yaml."""

from __future__ import annotations

import os
from pathlib import Path

from jgsw_std.errors import UsageError

DATA_DIR = "data"
MARKER = ("data", "indicators.yaml")


def _is_root(path: Path) -> bool:
    return path.joinpath(*MARKER).is_file() or (
        path.joinpath(DATA_DIR).is_dir()
        and (path / DATA_DIR / "standards").is_dir()
        and (path / DATA_DIR / "framework.yaml").is_file()
    )


def find_root(explicit: str | os.PathLike[str] | None = None, start: Path | None = None) -> Path:
    """``--root``, then ``JGSW_ROOT``, then walk up from the current directory.

    A path that points at the ``data`` folder itself is accepted too.
    """
    given = explicit if explicit is not None else os.environ.get("JGSW_ROOT") or None
    if given is not None:
        path = Path(given).expanduser().resolve()
        if _is_root(path):
            return path
        if path.name == DATA_DIR and _is_root(path.parent):
            return path.parent
        raise UsageError(
            "root_not_warehouse",
            zh=f"{path} 不是标准仓：其中没有 data/indicators.yaml。",
            en=f"{path} is not a warehouse: it has no data/indicators.yaml.",
            hint_zh="用 --root 指向含有 data/ 目录的仓库根目录，或用 `jgsw demo DIR` 生成示例仓。",
            hint_en="Point --root at the folder that holds data/, "
            "or create one with `jgsw demo DIR`.",
        )
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if _is_root(candidate):
            return candidate
    raise UsageError(
        "root_not_found",
        zh=f"从 {here} 向上没有找到标准仓（data/indicators.yaml）。",
        en=f"No warehouse (data/indicators.yaml) found in {here} or above.",
        hint_zh="进入仓库目录，或使用 --root DIR / 环境变量 JGSW_ROOT。",
        hint_en="cd into the warehouse, or pass --root DIR / set JGSW_ROOT.",
    )
