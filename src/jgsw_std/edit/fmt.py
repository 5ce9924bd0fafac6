"""`jgsw fmt`: bring files into the canonical form (edit.canonical), or say which differ."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jgsw_std.edit.canonical import canonical_text
from jgsw_std.edit.safe import FileChange, data_rel, symlink_refused
from jgsw_std.edit.textio import decode, encode
from jgsw_std.errors import DataError, JgswError, UsageError
from jgsw_std.load.files import (
    YAML_SUFFIXES,
    FileUnreadable,
    iter_data_paths,
    name_is_utf8,
    read_regular,
    shown_name,
)
from jgsw_std.progress import SILENT, Progress, track


@dataclass(frozen=True)
class FmtOutcome:
    """One file: its change (possibly none), or why it could not be formatted."""

    rel: str
    change: FileChange | None = None
    error: JgswError | None = None

    @property
    def changed(self) -> bool:
        return self.change is not None and self.change.changed


def select_files(root: Path, paths: Iterable[Path]) -> tuple[list[str], list[FmtOutcome]]:
    """The warehouse files named by ``paths`` (files or folders); all of data/ if none.

    Also the paths refused, each as an error outcome: one that does not exist,
    one outside data/, a file that is not YAML. The others are still formatted.
    """
    given = list(paths)
    if not given:
        return list(iter_data_paths(root)), []
    out: list[str] = []
    refused: list[FmtOutcome] = []
    for path in given:
        target = path if path.is_absolute() else Path.cwd() / path
        if not target.exists():
            refused.append(
                FmtOutcome(
                    str(path),
                    error=UsageError(
                        "no_such_path",
                        zh=f"{path} 不存在，已跳过。",
                        en=f"{path} does not exist; skipped.",
                    ),
                )
            )
            continue
        try:
            rel = data_rel(root, target)
        except UsageError as exc:
            refused.append(FmtOutcome(str(path), error=exc))
            continue
        if target.is_dir():
            out.extend(
                found
                for found in iter_data_paths(root)
                if found == rel or found.startswith(rel.rstrip("/") + "/")
            )
        elif target.name.endswith(YAML_SUFFIXES):
            out.append(rel)
        else:
            refused.append(
                FmtOutcome(
                    str(path),
                    error=UsageError(
                        "not_yaml",
                        zh=f"{path} 不是 YAML 数据文件（.yaml/.yml），已跳过。",
                        en=f"{path} is not a YAML data file (.yaml/.yml); skipped.",
                    ),
                )
            )
    return sorted(dict.fromkeys(out)), refused


def format_bytes(rel: str, data: bytes) -> bytes:
    """The canonical bytes of one file, in its own encoding form and line endings."""
    text, form = decode(data, rel)
    return encode(canonical_text(text, rel), form)


def plan_fmt(root: Path, rels: Iterable[str], progress: Progress = SILENT) -> list[FmtOutcome]:
    """What formatting would do to each file; reads only, writes nothing."""
    outcomes: list[FmtOutcome] = []
    for rel in track(progress, list(rels), "格式检查", "checking the format"):
        if not name_is_utf8(rel):
            outcomes.append(
                FmtOutcome(
                    shown_name(rel),
                    error=DataError(
                        "bad_name",
                        zh=f"{shown_name(rel)}: 文件名不是 UTF-8 编码，未修改。",
                        en=f"{shown_name(rel)}: the file name is not UTF-8; left unchanged.",
                    ),
                )
            )
            continue
        path = root.joinpath(*rel.split("/"))
        if path.is_symlink():
            outcomes.append(FmtOutcome(rel, error=symlink_refused(rel)))
            continue
        try:
            before = read_regular(path, inside=root)
        except FileUnreadable as exc:
            outcomes.append(
                FmtOutcome(
                    rel,
                    error=JgswError(
                        "unreadable",
                        zh=f"{rel}: 无法读取（{exc.reason_zh}），未修改。",
                        en=f"{rel}: cannot read ({exc.reason_en}); left unchanged.",
                    ),
                )
            )
            continue
        try:
            after = format_bytes(rel, before)
        except JgswError as exc:
            outcomes.append(FmtOutcome(rel, error=exc))
            continue
        except Exception as exc:  # a bug of ours or ruamel's: one bad file never stops the others
            outcomes.append(
                FmtOutcome(
                    rel,
                    error=DataError(
                        "fmt_failed",
                        zh=f"{rel}: 无法格式化（{type(exc).__name__}: {exc}），未修改。",
                        en=f"{rel}: could not be formatted ({type(exc).__name__}: {exc}); "
                        "left unchanged.",
                    ),
                )
            )
            continue
        outcomes.append(FmtOutcome(rel, change=FileChange(rel, before, after)))
    return outcomes
