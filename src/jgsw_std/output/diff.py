"""Writers for `jgsw diff`: text, json, and md written to be posted on a pull request.

Sections with nothing in them are left out, so a small change reads small: a
pull request that adds one review shows that review and the indicator it
moves, and nothing else.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

from jgsw_std.history.compare import IndicatorDiff, RecordDiff, RegistryDiff, SemanticDiff, Side
from jgsw_std.i18n import one_line, pick, word
from jgsw_std.metrics.base import MetricResult
from jgsw_std.metrics.registry_figure import Figure
from jgsw_std.problems import Problem

CHANGE_WORDS = {
    "added": ("新增", "added"),
    "removed": ("删除", "removed"),
    "renamed": ("移动", "moved"),
    "changed": ("修改", "changed"),
}


def side_text(side: Side, lang: str) -> str:
    if side.kind == "worktree":
        return pick(lang, "工作区", "working tree")
    if side.kind == "empty":
        return pick(lang, "空仓库（首次提交之前）", "empty (before the first commit)")
    assert side.commit is not None
    return f"{side.commit.short} ({side.rev})"


def change_word(record: RecordDiff, lang: str) -> str:
    return pick(lang, *CHANGE_WORDS[record.change])


def record_name(record: RecordDiff) -> str:
    return one_line(f"{record.key} {record.title}".strip())


def record_details(record: RecordDiff, lang: str) -> list[str]:
    lines = []
    if record.change == "renamed" and record.old_path:
        lines.append(f"{record.old_path} → {record.path}")
    lines.extend(change.text(lang) for change in record.fields)
    if record.change == "changed" and not record.fields:
        lines.append(pick(lang, "（仅注释或格式变化）", "(comments or layout only)"))
    return [one_line(line) for line in lines]


def indicator_name(diff: IndicatorDiff, result: SemanticDiff, lang: str) -> str:
    from jgsw_std.reports.figures import indicator_label

    for iset in reversed(result.indicator_sets):
        found = iset.by_id(diff.indicator_id) if iset is not None else None
        if found is not None:
            return f"{diff.indicator_id} {indicator_label(found, lang)}"
    return f"{diff.indicator_id} {word(f'metric.{diff.metric}', lang)}"


def figure(metric: MetricResult | None, lang: str) -> str:
    from jgsw_std.reports.figures import value_text, verdict_text

    if metric is None:
        return pick(lang, "（无）", "(none)")
    return f"{value_text(metric, lang)} {verdict_text(metric, lang)}"


def _change(before: float | None, after: float | None, unit: str, lang: str) -> str:
    if before is None or after is None:
        return ""
    change = after - before
    if abs(change) < 1e-12:
        return "0"
    if unit == "rate":
        points = change * 100
        return pick(lang, f"{points:+.1f} 个百分点", f"{points:+.1f} pp")
    return f"{change:+,.0f}" if float(change).is_integer() else f"{change:+,.2f}"


def delta(diff: IndicatorDiff, lang: str) -> str:
    """``+12.5 个百分点``, ``+3``; for ranges each end (``下限 +1，上限 0``); empty when
    only the status moved."""
    before, after = diff.before, diff.after
    if before is None or after is None or before.low is None or after.low is None:
        return ""
    if after.unit == "done":
        return ""
    if not before.is_range and not after.is_range:
        text = _change(before.low, after.low, after.unit, lang)
        return "" if text == "0" else text
    low = _change(before.low, after.low, after.unit, lang)
    high = _change(before.high, after.high, after.unit, lang)
    if before.high is None or after.high is None:
        high = "?" if before.high != after.high else "0"
    if low == high == "0":
        return ""
    return pick(lang, f"下限 {low}，上限 {high}", f"low {low}, high {high}")


def _registry_number(value: float, unit: str) -> str:
    if unit == "rate":
        return f"{value * 100:.1f}%"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def registry_figure(fig: Figure | None, lang: str) -> str:
    """``10``, ``94.7% (12/13)``, ``13.5`` (days: the label says so); a range as the
    indicators show theirs, ``1–2``, ``50.0%–100.0% (1/2–2/2)``, ``100.0% (1/1)（或无数据）``;
    无数据 when the side has no such figure or no data."""
    if fig is None or not fig.has_data:
        return word("ind.no-data", lang)
    if not fig.is_range:
        assert fig.value is not None
        shown = _registry_number(fig.value, fig.unit)
        if fig.unit == "rate" and fig.parts:  # as the indicators show a rate's parts
            shown += f" ({fig.parts[0]}/{fig.parts[1]})"
        return shown
    assert fig.low is not None and fig.high is not None
    low, high = _registry_number(fig.low, fig.unit), _registry_number(fig.high, fig.unit)
    shown = low if low == high else f"{low}–{high}"
    lo, hi = fig.low_parts, fig.high_parts
    if fig.unit == "rate" and lo is not None and hi is not None:
        shown += f" ({lo[0]}/{lo[1]})" if lo == hi else f" ({lo[0]}/{lo[1]}–{hi[0]}/{hi[1]})"
    if fig.maybe_empty:
        shown += pick(lang, "（或无数据）", " (or no data)")
    return shown


def _ends(fig: Figure) -> tuple[float, float]:
    """A figure's two ends; one value's are that value."""
    if fig.is_range:
        assert fig.low is not None and fig.high is not None
        return fig.low, fig.high
    assert fig.value is not None
    return fig.value, fig.value


def registry_delta(diff: RegistryDiff, lang: str) -> str:
    """``+1``, ``-2.5 个百分点``, ``-0.5``; for ranges each end (``下限 +1，上限 0``) as
    :func:`delta` has the indicators'; empty when either side has no data or no end
    moved."""
    a, b = diff.before, diff.after
    if a is None or b is None or not a.has_data or not b.has_data:
        return ""
    if a.is_range or b.is_range:
        unit = "rate" if b.unit == "rate" else "count"
        (a_low, a_high), (b_low, b_high) = _ends(a), _ends(b)
        low, high = _change(a_low, b_low, unit, lang), _change(a_high, b_high, unit, lang)
        if low == high == "0":
            return ""
        return pick(lang, f"下限 {low}，上限 {high}", f"low {low}, high {high}")
    assert a.value is not None and b.value is not None
    if b.unit == "days":
        change = b.value - a.value
        if change == 0:
            return ""
        return f"{change:+,.0f}" if float(change).is_integer() else f"{change:+,.1f}"
    text = _change(a.value, b.value, "rate" if b.unit == "rate" else "count", lang)
    return "" if text == "0" else text


def registry_line(diff: RegistryDiff, lang: str) -> str:
    change = registry_delta(diff, lang)
    note = pick(lang, f"（{change}）", f" ({change})") if change else ""
    return (
        f"{diff.label(lang)}{pick(lang, '：', ': ')}{registry_figure(diff.before, lang)} → "
        f"{registry_figure(diff.after, lang)}{note}"
    )


def problem_line(problem: Problem, lang: str) -> str:
    path = one_line(problem.path)
    where = f"{path}:{problem.line}:{problem.col}" if problem.line else path
    return f"{where}: {problem.severity.value} {problem.code} {problem.message(lang)}"


def summary_parts(result: SemanticDiff, lang: str) -> list[str]:
    parts = []
    if result.records:
        counts: dict[str, int] = {}
        for record in result.records:
            counts[record.change] = counts.get(record.change, 0) + 1
        joined = pick(lang, "，", ", ").join(
            f"{pick(lang, *CHANGE_WORDS[k])} {n}" for k, n in counts.items()
        )
        parts.append(pick(lang, f"记录：{joined}", f"records: {joined}"))
    if result.indicators:
        n = len(result.indicators)
        parts.append(pick(lang, f"指标：{n} 项变化", f"indicators: {n} moved"))
    if result.registries:
        n = len(result.registries)
        parts.append(pick(lang, f"自有数据：{n} 项变化", f"own figures: {n} moved"))
    if result.introduced or result.fixed or result.reworded:
        a, b, c = len(result.introduced), len(result.fixed), len(result.reworded)
        text = pick(lang, f"问题：新增 {a}，解决 {b}", f"problems: {a} new, {b} fixed")
        if c:
            text += pick(lang, f"，内容变化 {c}", f", {c} changed")
        parts.append(text)
    return parts


def nothing_text(result: SemanticDiff, lang: str) -> str:
    text = pick(lang, "没有实质变化。", "No change in substance.")
    if result.head.kind == "worktree" and result.base.kind == "commit":
        text += pick(
            lang,
            "（要看最近一次提交的变化：jgsw diff HEAD~1 HEAD）",
            " (for the last commit's changes: jgsw diff HEAD~1 HEAD)",
        )
    return text


# -- text -------------------------------------------------------------------------


def write_text(result: SemanticDiff, lang: str, max_chars: int | None = None) -> str:
    """For people at a terminal; everything, whatever ``max_chars`` (only md has a limit)."""
    out = [
        pick(lang, "标准仓变更：", "Warehouse changes: ")
        + f"{side_text(result.base, lang)} → {side_text(result.head, lang)}",
        pick(
            lang,
            f"问题和指标按 {result.as_of} 计算",
            f"problems and indicators as of {result.as_of}",
        ),
        "",
    ]
    if result.empty:
        return "\n".join([*out, nothing_text(result, lang), ""])
    out.append(
        pick(lang, "概览：", "Summary: ") + pick(lang, "；", "; ").join(summary_parts(result, lang))
    )
    if result.records:
        out += [
            "",
            pick(lang, f"记录（{len(result.records)} 项）", f"Records ({len(result.records)})"),
        ]
        for record in result.records:
            out.append(f"  {change_word(record, lang)}  {record_name(record)}  {record.path}")
            out.extend(f"        {line}" for line in record_details(record, lang))
    if result.indicators:
        out += ["", pick(lang, "指标", "Indicators")]
        for diff in result.indicators:
            change = delta(diff, lang)
            note = pick(lang, f"（{change}）", f" ({change})") if change else ""
            out.append(
                f"  {indicator_name(diff, result, lang)}{pick(lang, '：', ': ')}"
                f"{figure(diff.before, lang)} → {figure(diff.after, lang)}{note}"
            )
    if result.registries:
        out += ["", pick(lang, "标准仓自有数据（专家库、信息反馈）", "The warehouse's own figures")]
        out.extend(f"  {registry_line(diff, lang)}" for diff in result.registries)
    for title, problems in (
        (pick(lang, "新增问题", "New problems"), result.introduced),
        (pick(lang, "已解决问题", "Fixed problems"), result.fixed),
    ):
        if problems:
            out += ["", pick(lang, f"{title}（{len(problems)}）", f"{title} ({len(problems)})")]
            out.extend(f"  {problem_line(p, lang)}" for p in problems)
    if result.reworded:
        n = len(result.reworded)
        out += ["", pick(lang, f"内容变化的问题（{n}）", f"Changed problems ({n})")]
        for old, new in result.reworded:
            was = pick(lang, "原为：", "was: ")
            out += [f"  {problem_line(new, lang)}", f"    {was}{old.message(lang)}"]
    return "\n".join(out) + "\n"


# -- Markdown for a pull-request comment: output/diff_md.py ----------------------


def write_md(result: SemanticDiff, lang: str, max_chars: int | None = None) -> str:
    """The pull-request comment, within ``max_chars`` (default MAX_CHARS; 0: no limit)."""
    from jgsw_std.output.diff_md import MAX_CHARS
    from jgsw_std.output.diff_md import write_md as write

    return write(result, lang, MAX_CHARS if max_chars is None else max_chars)


# -- JSON -------------------------------------------------------------------------


def _side(side: Side) -> dict[str, Any]:
    commit = side.commit
    return {
        "kind": side.kind,
        "rev": side.rev,
        "commit": commit.sha if commit else None,
        "date": commit.committed.isoformat() if commit else None,
        "author": commit.author if commit else None,
        "subject": commit.subject if commit else None,
    }


def _figure(metric: MetricResult | None) -> dict[str, Any] | None:
    if metric is None:
        return None
    full = metric.to_dict()
    keys = (
        "status",
        "unit",
        "value",
        "low",
        "high",
        "numerator",
        "denominator",
        "target",
        "target_min",
        "target_max",
    )
    return {k: full[k] for k in keys}


def _registry_value(fig: Figure | None) -> dict[str, Any] | None:
    if fig is None:
        return None
    from jgsw_std.history.trend import figure_dict

    return figure_dict(fig)


def as_dict(result: SemanticDiff, lang: str) -> dict[str, Any]:
    from jgsw_std.output.check import problem_dict

    return {
        "format": "jgsw-diff/1",
        "base": _side(result.base),
        "head": _side(result.head),
        "as_of": result.as_of.isoformat(),
        "unchanged_files": result.unchanged_files,
        "records": [
            {
                "kind": r.kind,
                "key": r.key,
                "title": r.title,
                "change": r.change,
                "path": r.path,
                "old_path": r.old_path,
                "fields": [f.as_dict(lang) for f in r.fields],
            }
            for r in result.records
        ],
        "indicators": [
            {
                "id": d.indicator_id,
                "metric": d.metric,
                "label": indicator_name(d, result, lang),
                "before": _figure(d.before),
                "after": _figure(d.after),
                "change": delta(d, lang),
            }
            for d in result.indicators
        ],
        # the warehouse's own figures that moved (docs/status.md: `figures`)
        "registries": [
            {
                "key": d.key,
                "label": d.label(lang),
                "unit": d.unit,
                "before": _registry_value(d.before),
                "after": _registry_value(d.after),
                "change": registry_delta(d, lang),
            }
            for d in result.registries
        ],
        "problems": {
            "introduced": [problem_dict(p, lang) for p in result.introduced],
            "fixed": [problem_dict(p, lang) for p in result.fixed],
            "changed": [
                {"before": problem_dict(old, lang), "after": problem_dict(new, lang)}
                for old, new in result.reworded
            ],
        },
    }


def write_json(result: SemanticDiff, lang: str, max_chars: int | None = None) -> str:
    """Everything, in the documented shape; ``max_chars`` is for md only."""
    return json.dumps(as_dict(result, lang), ensure_ascii=False, indent=2) + "\n"


class DiffWriter(Protocol):
    def __call__(self, result: SemanticDiff, lang: str, max_chars: int | None = None) -> str: ...


WRITERS: dict[str, DiffWriter] = {
    "text": write_text,
    "json": write_json,
    "md": write_md,
}
