"""Findings for code-review tools: GitLab Code Quality and SARIF 2.1.0.

GitLab shows a Code Quality report (a JSON array) on merge requests; GitHub
code scanning and most review tools read SARIF. Both carry the same problems
as `jgsw check --format json`, with a fingerprint that stays put when lines move
(path, code, key path and arguments; see Problem.fingerprint).
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from jgsw_std.problems import Problem, Severity
from jgsw_std.problems.catalogue import CATALOGUE

if TYPE_CHECKING:
    from jgsw_std.output.check import FindingsContext, Writer

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


#: Registered into reports.findings.WRITERS under these --format names.
CI_WRITERS: dict[str, Writer] = {"gitlab": write_gitlab, "sarif": write_sarif}
