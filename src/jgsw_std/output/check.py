"""Writers for check findings: text for people, json and CI formats for tools.

Each writer takes the settled result and returns the text to print; the
command decides where it goes. A registry maps --format names to writers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from jgsw_std.i18n import pick
from jgsw_std.problems import Problem, Severity
from jgsw_std.problems.catalogue import CATALOGUE, render_hint, render_message
from jgsw_std.rules.runner import CheckResult


@dataclass(frozen=True)
class FindingsContext:
    result: CheckResult
    counts: dict[str, int]
    lang: str
    root: str
    as_of: str
    color: bool = False


Writer = Callable[[FindingsContext], str]

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def summary_line(ctx: FindingsContext) -> str:
    r, c, lang = ctx.result, ctx.counts, ctx.lang
    infos = r.count(Severity.INFO)
    if lang == "en":
        text = (
            f"Checked {c['files']} files ({c['standards']} standards, {c['districts']} districts): "
            f"{r.errors} errors, {r.warnings} warnings, {infos} notes"
        )
        if r.suppressed:
            text += f", {r.suppressed} suppressed by comments"
        return text + "."
    text = (
        f"检查了 {c['files']} 个文件（标准 {c['standards']} 项，地区 {c['districts']} 个）："
        f"错误 {r.errors} 个，警告 {r.warnings} 个，提示 {infos} 个"
    )
    if r.suppressed:
        text += f"，按注释忽略 {r.suppressed} 个"
    return text + "。"


def write_text(ctx: FindingsContext) -> str:
    """Grouped by file; each line is `path:line:col: severity CODE message`."""
    lines: list[str] = []
    hint_label = pick(ctx.lang, "  修改建议：", "  fix: ")
    for path, group in groupby(ctx.result.problems, key=lambda p: p.path):
        for problem in group:
            sev = problem.severity.value
            if ctx.color:
                sev = f"\x1b[{_COLORS[problem.severity]}m{sev}\x1b[0m"
            # the renderers directly: Problem.message imports them on every call
            lines.append(
                f"{path}:{problem.line}:{problem.col}: {sev} {problem.code} "
                f"{render_message(problem, ctx.lang)}"
            )
            hint = render_hint(problem, ctx.lang)
            if hint:
                lines.append(hint_label + hint)
        lines.append("")
    lines.append(summary_line(ctx))
    return "\n".join(lines) + "\n"


def problem_dict(problem: Problem, lang: str) -> dict[str, object]:
    rule_ = CATALOGUE.get(problem.code)
    return {
        "path": problem.path,
        "line": problem.line,
        "col": problem.col,
        "code": problem.code,
        "name": rule_.name if rule_ else problem.code,
        "severity": problem.severity.value,
        "message": problem.message(lang),
        "hint": problem.hint(lang),
        "fingerprint": problem.fingerprint(),
    }


def write_json(ctx: FindingsContext) -> str:
    """The documented JSON shape (README, "check --format json")."""
    r = ctx.result
    payload = {
        "version": 1,
        "root": ctx.root,
        "as_of": ctx.as_of,
        "summary": {
            **ctx.counts,
            "errors": r.errors,
            "warnings": r.warnings,
            "infos": r.count(Severity.INFO),
            "suppressed": r.suppressed,
        },
        "problems": [problem_dict(p, ctx.lang) for p in r.problems],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def write_github(ctx: FindingsContext) -> str:
    """GitHub Actions workflow commands: one annotation per problem."""
    kinds = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for p in ctx.result.problems:
        title = _gh_escape(
            f"{p.code} {CATALOGUE[p.code].name if p.code in CATALOGUE else ''}".strip(), True
        )
        message = p.message(ctx.lang)
        hint = p.hint(ctx.lang)
        if hint:
            message += "\n" + hint
        lines.append(
            f"::{kinds[p.severity]} file={_gh_escape(p.path, True)},line={p.line},"
            f"col={p.col},title={title}::{_gh_escape(message)}"
        )
    lines.append(summary_line(ctx))
    return "\n".join(lines) + "\n"


WRITERS: dict[str, Writer] = {
    "text": write_text,
    "json": write_json,
    "github": write_github,
}


def _add_ci_writers() -> None:
    # gitlab and sarif live in their own module; it needs this one's types only
    from jgsw_std.output.check_ci import CI_WRITERS

    WRITERS.update(CI_WRITERS)


_add_ci_writers()
