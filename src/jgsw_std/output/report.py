"""Writers for `jgsw report`: HTML and Markdown from the templates, or the context as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jgsw_std.app.report import ReportOutcome


def _json(context: dict[str, Any], template: Path | None) -> str:
    return json.dumps(context, ensure_ascii=False, indent=1) + "\n"


def _html(context: dict[str, Any], template: Path | None) -> str:
    from jgsw_std.reports.render import render

    return render(context, "html", template)


def _markdown(context: dict[str, Any], template: Path | None) -> str:
    from jgsw_std.reports.render import render

    return render(context, "md", template)


#: html and md are the reports; json is the context itself, for people writing templates.
WRITERS: dict[str, Callable[[dict[str, Any], Path | None], str]] = {
    "html": _html,
    "md": _markdown,
    "json": _json,
}


def format_name(fmt: str) -> str:
    """``markdown`` is another name for ``md``."""
    return "md" if fmt == "markdown" else fmt


#: The folder under the warehouse root that holds reports written without -o.
REPORTS_FOLDER = "reports"


def default_name(outcome: ReportOutcome) -> str:
    """``jgsw-report-<scope>-<as-of>.<ext>``: scope and date say what is inside."""
    cover = outcome.context["cover"]
    scope = str(cover["scope"]).replace(":", "-")
    return f"jgsw-report-{scope}-{cover['as_of']}.{outcome.fmt}"


def default_folder(outcome: ReportOutcome) -> Path:
    """``reports/`` beside ``data/``: outside the data, and ignored by git (see
    fsutil.ignored_folder), so a report never shows up in ``git status``."""
    return (outcome.root or Path.cwd()) / REPORTS_FOLDER


def shown_path(path: Path) -> str:
    """The path relative to the current folder when it is under it, else as given."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def done_message(outcome: ReportOutcome, path: Path, lang: str, size: int | None = None) -> str:
    """One line for the terminal; plain characters only, so a GBK console shows it."""
    from jgsw_std.fsutil import size_text

    cover = outcome.context["cover"]
    kind = {"html": "HTML", "md": "Markdown"}.get(outcome.fmt, "JSON")
    where = shown_path(path)
    if lang == "en":
        weight = f", {size_text(size)}" if size is not None else ""
        return (
            f"Wrote the {kind} report {where} ({cover['scope_label']}, as of "
            f"{cover['as_of']}{weight})."
        )
    weight = f"，{size_text(size)}" if size is not None else ""
    return f"已生成{kind}报告：{where}（{cover['scope_label']}，截至 {cover['as_of']}{weight}）。"


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
