"""Writers for `jgsw report`: HTML and Markdown from the templates, or the context as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from jgsw_std.app.report import ReportOutcome


def _json(context: dict[str, Any], template: Path | None) -> Iterator[str]:
    yield json.dumps(context, ensure_ascii=False, indent=1) + "\n"


def _html(context: dict[str, Any], template: Path | None) -> Iterator[str]:
    from jgsw_std.reports.render import render_parts

    return render_parts(context, "html", template)


def _markdown(context: dict[str, Any], template: Path | None) -> Iterator[str]:
    from jgsw_std.reports.render import render_parts

    return render_parts(context, "md", template)


#: html and md are the reports; json is the context itself, for people writing templates.
#: Each writer gives the text in pieces (a large report is written as it is made).
WRITERS: dict[str, Callable[[dict[str, Any], Path | None], Iterator[str]]] = {
    "html": _html,
    "md": _markdown,
    "json": _json,
}


def format_name(fmt: str) -> str:
    """``markdown`` is another name for ``md``."""
    return "md" if fmt == "markdown" else fmt


def default_name(outcome: ReportOutcome) -> str:
    """``jgsw-report-<scope>-<as-of>.<ext>``: scope and date say what is inside."""
    cover = outcome.context["cover"]
    scope = str(cover["scope"]).replace(":", "-")
    return f"jgsw-report-{scope}-{cover['as_of']}.{outcome.fmt}"


def done_message(outcome: ReportOutcome, path: Path, lang: str) -> str:
    """One line for the terminal; plain characters only, so a GBK console shows it."""
    cover = outcome.context["cover"]
    kind = {"html": "HTML", "md": "Markdown"}.get(outcome.fmt, "JSON")
    if lang == "en":
        return f"Wrote the {kind} report {path} ({cover['scope_label']}, as of {cover['as_of']})."
    return f"已生成{kind}报告：{path}（{cover['scope_label']}，截至 {cover['as_of']}）。"


def checks_warning(outcome: ReportOutcome, lang: str) -> str:
    """A note when the data has validation errors: some figures may rest on bad files."""
    errors = outcome.context["cover"]["checks"]["errors"]
    if not errors:
        return ""
    if lang == "en":
        return (
            f"Note: jgsw check finds {errors} errors in the data; files that fail to load "
            "are not counted. Run jgsw check to see them."
        )
    return f"注意：数据校验有 {errors} 个错误，未能读取的文件不计入报告；运行 jgsw check 查看。"
