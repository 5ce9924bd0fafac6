"""Writers for check findings: text for people; json, GitHub, GitLab and SARIF for tools.

Each writer takes the settled result and returns the text to print; the
command decides where it goes. WRITERS maps --format names to writers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from jgsw_std.i18n import one_line, pick
from jgsw_std.problems import Problem, Severity
from jgsw_std.problems.catalogue import CATALOGUE, render_hint, render_message
from jgsw_std.problems.result import CheckResult


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
    for raw_path, group in groupby(ctx.result.problems, key=lambda p: p.path):
        path = one_line(raw_path)
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


# -- code review tools: GitLab Code Quality and SARIF 2.1.0 ------------------------
#
# GitLab shows a Code Quality report (a JSON array) on merge requests; GitHub
# code scanning and most review tools read SARIF. Both carry the same problems
# as --format json, with a fingerprint that stays put when lines move (path,
# code, key path and arguments; see Problem.fingerprint).

#: GitLab's severities: info, minor, major, critical, blocker. An error stops a
#: merge (jgsw exits 1), which GitLab calls major; a warning is minor.
GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def unique_fingerprints(problems: list[Problem]) -> list[str]:
    """One fingerprint per problem, distinct even when two problems look the same.

    GitLab keeps one finding per fingerprint; two identical problems (the same
    duplicate key twice, say) get their own by counting repeats.
    """
    seen: dict[str, int] = {}
    out: list[str] = []
    for problem in problems:
        base = problem.fingerprint()
        count = seen.get(base, 0)
        seen[base] = count + 1
        out.append(base if count == 0 else hashlib.sha1(f"{base}#{count}".encode()).hexdigest())
    return out


def _text(problem: Problem, lang: str) -> str:
    message = problem.message(lang)
    hint = problem.hint(lang)
    return f"{message} ({hint})" if hint else message


def write_gitlab(ctx: FindingsContext) -> str:
    """GitLab Code Quality: a JSON array of description, check_name, fingerprint, severity,
    location (path, lines.begin) objects."""
    problems = ctx.result.problems
    items: list[dict[str, Any]] = []
    for problem, fingerprint in zip(problems, unique_fingerprints(problems), strict=True):
        rule = CATALOGUE.get(problem.code)
        items.append(
            {
                "type": "issue",
                "description": f"{problem.code} {_text(problem, ctx.lang)}",
                "check_name": f"{problem.code} {rule.name}" if rule else problem.code,
                "categories": ["Style"] if problem.code[0] in "YSN" else ["Bug Risk"],
                "fingerprint": fingerprint,
                "severity": GITLAB_SEVERITY[problem.severity],
                # GitLab needs a line; problems about a whole file point at its first line
                "location": {"path": problem.path, "lines": {"begin": max(problem.line, 1)}},
            }
        )
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _rule_descriptor(code: str, lang: str) -> dict[str, Any]:
    rule = CATALOGUE.get(code)
    if rule is None:
        return {"id": code}
    title = rule.doc.splitlines()[0] if rule.doc else rule.name
    hint = rule.hint_en if lang == "en" else rule.hint_zh
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": title},
        "fullDescription": {"text": rule.doc or title},
        "help": {"text": hint or rule.doc or title},
        "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
    }


def _sarif_result(problem: Problem, rule_index: int, fingerprint: str, lang: str) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": problem.path, "uriBaseId": "ROOT"}}
    if problem.line > 0:
        region: dict[str, Any] = {"startLine": problem.line}
        if problem.col > 0:
            region["startColumn"] = problem.col
        location["region"] = region
    return {
        "ruleId": problem.code,
        "ruleIndex": rule_index,
        "level": SARIF_LEVEL[problem.severity],
        "message": {"text": _text(problem, lang)},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"jgsw/v1": fingerprint},
    }


def write_sarif(ctx: FindingsContext) -> str:
    """One SARIF 2.1.0 log with one run: the rules met, then the results pointing at them."""
    from jgsw_std import __version__

    problems = ctx.result.problems
    codes = sorted({p.code for p in problems})
    index = {code: i for i, code in enumerate(codes)}
    results = [
        _sarif_result(problem, index[problem.code], fingerprint, ctx.lang)
        for problem, fingerprint in zip(problems, unique_fingerprints(problems), strict=True)
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "jgsw",
                "version": __version__,
                "rules": [_rule_descriptor(code, ctx.lang) for code in codes],
            }
        },
        "results": results,
        "language": "en-US" if ctx.lang == "en" else "zh-CN",
        "columnKind": "unicodeCodePoints",
        "properties": {"asOf": ctx.as_of},
    }
    if ctx.root:
        root_uri = ctx.root.replace("\\", "/").rstrip("/") + "/"
        if not root_uri.startswith("/"):
            root_uri = "/" + root_uri
        run["originalUriBaseIds"] = {"ROOT": {"uri": "file://" + root_uri}}
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


WRITERS: dict[str, Writer] = {
    "text": write_text,
    "json": write_json,
    "github": write_github,
    "gitlab": write_gitlab,
    "sarif": write_sarif,
}
