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


#: The folder under the warehouse root that holds reports written without -o.
REPORTS_FOLDER = "reports"


def files_base(root: Path | None, target: Path | None) -> str | None:
    """The way from the folder of ``target`` back to the warehouse ``root``, as a
    relative URL prefix (``../``, ``../../``, or ``""`` beside ``data/``), or None
    when the report does not lie inside the warehouse (standard output included).

    Links to documents' files are relative, so they keep working when the whole
    warehouse is moved or cloned with its reports/; a report written elsewhere
    would need an absolute ``file:`` link, which jgsw never writes.
    """
    import os

    if root is None or target is None:
        return None
    home = root.resolve()
    folder = target.resolve().parent
    if folder != home and home not in folder.parents:
        return None
    steps = Path(os.path.relpath(home, folder)).as_posix()
    return "" if steps == "." else steps + "/"


def link_files(outcome: ReportOutcome, target: Path | None) -> None:
    """Set ``cover.files_base`` for a report about to be written to ``target`` (None:
    standard output): documents' files are linked only from inside the warehouse, and
    never from a report of a past commit (the files on disk may differ)."""
    cover = outcome.context["cover"]
    linkable = bool(cover.get("files_linkable"))
    cover["files_base"] = files_base(outcome.root, target) if linkable else None


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


def font_warning(outcome: ReportOutcome, lang: str) -> str:
    """A note when this Linux machine has no Chinese font: the report opened here shows boxes."""
    from jgsw_std.reports.fonts import FONT_PACKAGE

    if outcome.cjk_fonts is not False:
        return ""
    if lang == "en":
        return (
            "Note: no Chinese font was found on this machine (fc-list :lang=zh): a browser here "
            "shows every Chinese character of the report as a box. Install one, e.g. "
            f"sudo apt-get install {FONT_PACKAGE} (Debian/Ubuntu); the file itself is fine "
            "and reads well on any computer with a Chinese font."
        )
    return (
        "注意：本机没有找到中文字体（fc-list :lang=zh）：在本机浏览器中打开报告，汉字会显示为方框。"
        f"请安装中文字体，例如 sudo apt-get install {FONT_PACKAGE}（Debian/Ubuntu）；"
        "报告文件本身无误，在装有中文字体的电脑上打开即可正常显示。"
    )


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
