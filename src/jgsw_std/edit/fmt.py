"""`jgsw fmt`: bring files into the canonical form (edit.canonical), or say which differ."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jgsw_std.edit.canonical import canonical_text
from jgsw_std.edit.safe import FileChange, data_rel
from jgsw_std.edit.textio import decode, encode
from jgsw_std.errors import JgswError
from jgsw_std.load.files import YAML_SUFFIXES, iter_data_paths


@dataclass(frozen=True)
class FmtOutcome:
    """One file: its change (possibly none), or why it could not be formatted."""

    rel: str
    change: FileChange | None = None
    error: JgswError | None = None

    @property
    def changed(self) -> bool:
        return self.change is not None and self.change.changed


def select_files(root: Path, paths: Iterable[Path]) -> list[str]:
    """The warehouse files named by ``paths`` (files or folders); all of data/ if none."""
    given = list(paths)
    if not given:
        return list(iter_data_paths(root))
    out: list[str] = []
    for path in given:
        target = path if path.is_absolute() else Path.cwd() / path
        if target.is_dir():
            rel_dir = data_rel(root, target)
            out.extend(
                rel
                for rel in iter_data_paths(root)
                if rel == rel_dir or rel.startswith(rel_dir.rstrip("/") + "/")
            )
        elif target.name.endswith(YAML_SUFFIXES):
            out.append(data_rel(root, target))
    return sorted(dict.fromkeys(out))


def format_bytes(rel: str, data: bytes) -> bytes:
    """The canonical bytes of one file, in its own encoding form and line endings."""
    text, form = decode(data, rel)
    return encode(canonical_text(text, rel), form)


def plan_fmt(root: Path, rels: Iterable[str]) -> list[FmtOutcome]:
    """What formatting would do to each file; reads only, writes nothing."""
    outcomes: list[FmtOutcome] = []
    for rel in rels:
        path = root.joinpath(*rel.split("/"))
        try:
            before = path.read_bytes()
        except OSError as exc:
            outcomes.append(
                FmtOutcome(
                    rel,
                    error=JgswError(
                        "unreadable",
                        zh=f"{rel}: 无法读取（{exc}）",
                        en=f"{rel}: cannot read ({exc})",
                    ),
                )
            )
            continue
        try:
            after = format_bytes(rel, before)
        except JgswError as exc:
            outcomes.append(FmtOutcome(rel, error=exc))
            continue
        outcomes.append(FmtOutcome(rel, change=FileChange(rel, before, after)))
    return outcomes
