"""What the editing commands tell a person: what was written, what was not, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jgsw_std.edit.scaffold import Scaffold
from jgsw_std.i18n import pick

if TYPE_CHECKING:
    from jgsw_std.app.demo import DemoResult
    from jgsw_std.app.fmt import FmtResult
    from jgsw_std.app.schema import SchemaResult


def created_text(scaffold: Scaffold, lang: str) -> str:
    """``已创建 PATH`` and the scaffold's notes (what to fill in next)."""
    lines = [pick(lang, f"已创建 {scaffold.change.rel}", f"Created {scaffold.change.rel}")]
    for zh, en in zip(scaffold.notes_zh, scaffold.notes_en, strict=True):
        lines.append("  " + pick(lang, zh, en))
    return "".join(line + "\n" for line in lines)


def recorded_text(rel: str, written: bool, lang: str) -> str:
    if not written:
        return pick(lang, "（--dry-run：未写入）", "(--dry-run: nothing written)")
    return pick(lang, f"已记录到 {rel}。", f"Recorded in {rel}.")


def not_applied_text(lang: str) -> str:
    return pick(
        lang,
        "未写入；确认无误后加 --apply 写入。",
        "Nothing written; add --apply to write these changes.",
    )


def wrote_files_text(count: int, lang: str) -> str:
    return pick(lang, f"已写入 {count} 个文件。", f"Wrote {count} files.")


def fmt_lines(result: FmtResult, lang: str, *, diff: bool) -> str:
    """One line per file reformatted (or, checking, to reformat), with its diff when asked.

    Only files really written are said to be reformatted: when the write
    stopped (a full disk), the others are not listed as done.
    """
    done = set(result.done)
    if result.written:
        label = pick(lang, "已格式化：", "reformatted: ")
        shown = [o for o in result.changed if o.rel in done]
    else:
        label = pick(lang, "需要格式化：", "would reformat: ")
        shown = result.changed
    out: list[str] = []
    for outcome in shown:
        assert outcome.change is not None
        out.append(f"{label}{outcome.rel}\n")
        if diff:
            out.append(outcome.change.diff())
    return "".join(out)


def fmt_summary(result: FmtResult, lang: str) -> str:
    total, changed, errors = len(result.outcomes), len(result.changed), len(result.errors)
    if not result.written:
        return pick(
            lang,
            f"共 {total} 个文件，{changed} 个需要格式化，{errors} 个无法处理。",
            f"{total} files, {changed} would be reformatted, {errors} could not be formatted.",
        )
    done = len(result.done)
    if result.write_error is not None:
        return pick(
            lang,
            f"共 {total} 个文件，{changed} 个需要格式化，实际写入 {done} 个，{errors} 个无法处理。",
            f"{total} files, {changed} to reformat, {done} written, {errors} could not be "
            "formatted.",
        )
    return pick(
        lang,
        f"共 {total} 个文件，已格式化 {done} 个，{errors} 个无法处理。",
        f"{total} files, {done} reformatted, {errors} could not be formatted.",
    )


def schema_stale_lines(result: SchemaResult, lang: str) -> str:
    return "".join(
        pick(lang, f"需要更新：{result.target / name}", f"out of date: {result.target / name}")
        + "\n"
        for name in result.stale
    )


def schema_written_text(result: SchemaResult, lang: str) -> str:
    return pick(
        lang,
        f"已写入 {result.target}：{result.total} 个 Schema（更新 {len(result.stale)} 个）。",
        f"Wrote {result.total} schemas to {result.target} ({len(result.stale)} updated).",
    )


def demo_text(result: DemoResult, lang: str) -> str:
    """What was written, and the history made with it."""
    lines = [
        pick(
            lang,
            f"已在 {result.directory} 生成合成示例标准仓：{result.files} 个文件"
            f"（{result.standards} 项虚构标准，种子 {result.seed}）。",
            f"Wrote a synthetic warehouse to {result.directory}: {result.files} files "
            f"({result.standards} invented standards, seed {result.seed}).",
        )
    ]
    made = result.history
    if made is not None:
        lines.append(
            pick(
                lang,
                f"已生成 git 历史：{made.commits} 次提交（其中合并 {made.merges} 次），"
                f"{made.first} 至 {made.last}，{made.authors} 位虚构作者。",
                f"Created the git history: {made.commits} commits ({made.merges} merges), "
                f"{made.first} to {made.last}, {made.authors} invented authors.",
            )
        )
    return "".join(line + "\n" for line in lines)
