"""The schema use case: the JSON Schema of each file kind, written or compared."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jgsw_std.app.open import open_warehouse
from jgsw_std.edit.locking import locked
from jgsw_std.edit.schemas import all_schemas
from jgsw_std.errors import JgswError
from jgsw_std.fsutil import write_all_atomic


@dataclass
class SchemaResult:
    target: Path  # the folder
    total: int  # schemas generated
    stale: list[str]  # file names that differ from (or are missing in) the folder
    written: bool


def run_schema(root: Path | None, output: Path | None, check: bool) -> SchemaResult:
    """Generate every schema (with this warehouse's areas when there is one); write the
    stale ones unless ``check``."""
    try:
        wh = open_warehouse(root)
    except JgswError:
        if output is None:
            raise
        wh = None  # no warehouse: generic schemas without this framework's areas
    target = (
        output if output is not None else (wh.root if wh and wh.root else Path.cwd()) / "schemas"
    )
    texts = all_schemas(wh.framework if wh is not None and wh.framework.areas else None)
    stale = [
        name
        for name, text in texts.items()
        if not (target / name).is_file() or (target / name).read_text("utf-8") != text
    ]
    if not check and stale:
        items = [(target / name, texts[name].encode("utf-8")) for name in stale]
        root = wh.root if wh is not None else None
        inside = root is not None and target.resolve().is_relative_to(root.resolve())
        if root is not None and inside:  # the warehouse's own schemas: the write lock too
            rels = [
                (target / name).resolve().relative_to(root.resolve()).as_posix() for name in stale
            ]
            with locked(root, rels):
                write_all_atomic(items)
        else:
            write_all_atomic(items)
    return SchemaResult(target, len(texts), stale, written=not check)
