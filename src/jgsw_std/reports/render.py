"""Render a report context with jinja2: HTML (autoescaped) or Markdown (cell-escaped).

Templates are looked up in the user's ``--template`` first (a file, or a folder
laid out like the default one), then in the packaged defaults
(``resource_dir("templates")``). A user template can also extend a default
explicitly as ``default/<name>``. Every value printed into HTML is escaped by
jinja2's autoescape; every value printed into Markdown goes through
:func:`md_escape`, so a title such as ``<script>`` or ``a | b`` stays text.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import jinja2
from markupsafe import Markup

from jgsw_std.errors import UsageError
from jgsw_std.resources import resource_dir

Format = Literal["html", "md"]
FORMATS: tuple[Format, ...] = ("html", "md")
MAIN = {"html": "report.html.j2", "md": "report.md.j2"}
SCRIPT = "script.js"  # the HTML report's one inline script, allowed by its hash

_MD = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "*": "\\*",
        "_": "\\_",
        "`": "\\`",
        "~": "\\~",
        "[": "\\[",
        "]": "\\]",
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
    }
)


def md_escape(value: Any) -> str:
    """Text safe inside a GitHub/GitLab Markdown table cell or heading.

    Pipes would end the cell, newlines the row, and ``<``, ``*``, ``_``,
    backticks and brackets would turn data into markup; all become literal.
    Markup objects (deliberate markup from a template) pass unchanged.
    """
    if value is None:
        return ""
    if isinstance(value, Markup):
        return str(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").translate(_MD)
    return text.replace("\n", "<br>")


def _html_finalize(value: Any) -> Any:
    return "" if value is None else value


def default_dir(fmt: Format) -> Path:
    return resource_dir("templates") / fmt


def search_path(fmt: Format, template: Path | None) -> tuple[list[Path], str]:
    """Folders to search, user's first, and the name of the main template."""
    defaults = default_dir(fmt)
    if template is None:
        return [defaults], MAIN[fmt]
    path = template.expanduser()
    if path.is_file():
        return [path.parent.resolve(), defaults], path.name
    if path.is_dir():
        user = [p.resolve() for p in (path / fmt, path) if p.is_dir()]
        return [*user, defaults], MAIN[fmt]
    raise UsageError(
        "no_template",
        zh=f"找不到模板 {template}。",
        en=f"template {template} does not exist.",
        hint_zh="--template 给出一个模板文件，或一个与 templates/ 结构相同的目录（html/、md/）。",
        hint_en="Give --template a template file, or a folder laid out like templates/ "
        "(html/, md/).",
    )


def environment(fmt: Format, template: Path | None = None) -> tuple[jinja2.Environment, str]:
    folders, main = search_path(fmt, template)
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader([str(f) for f in folders], encoding="utf-8"),
            jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(default_dir(fmt)))}),
        ]
    )
    common: dict[str, Any] = {
        "loader": loader,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }
    if fmt == "html":
        env = jinja2.Environment(autoescape=True, finalize=_html_finalize, **common)
    else:
        env = jinja2.Environment(autoescape=False, finalize=md_escape, **common)
    return env, main


def _script_hash(script: str) -> str:
    """The CSP hash (``sha256-...``) that allows exactly this inline script and nothing else."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _template_error(exc: jinja2.TemplateError) -> UsageError:
    """Say which template and line failed: jinja2 rewrites tracebacks to point at them."""
    import traceback

    name = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    if name is None and exc.__traceback__ is not None:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith((".j2", ".js", ".css")):
                name, line = frame.filename, frame.lineno
                break
    where = f"{name}:{line}: " if name and line else (f"{name}: " if name else "")
    return UsageError(
        "template_error",
        zh=f"报告模板出错：{where}{exc}",
        en=f"report template error: {where}{exc}",
        hint_zh="检查 --template 给出的模板；去掉 --template 可用默认模板。",
        hint_en="Check the template given with --template; drop --template for the default.",
    )


def render(context: dict[str, Any], fmt: Format, template: Path | None = None) -> str:
    """The finished report text."""
    return "".join(render_parts(context, fmt, template))


#: Pieces the template produces are handed on in batches of this many.
_BATCH = 2048


def render_parts(
    context: dict[str, Any], fmt: Format, template: Path | None = None
) -> Iterator[str]:
    """The report text in pieces, as the template produces them.

    Written to a file as they come, a 50,000-standard report never exists
    whole in memory (as a string and its encoded copy, with the template's
    list of small pieces before that, it took about 175 MB).
    """
    env, main = environment(fmt, template)
    try:
        extra: dict[str, Any] = {}
        if fmt == "html":
            script = env.get_template(SCRIPT).render(context)
            extra = {"script": Markup(script), "script_hash": _script_hash(script)}
        batch: list[str] = []
        for piece in env.get_template(main).generate({**context, **extra}):
            batch.append(piece)
            if len(batch) >= _BATCH:
                yield "".join(batch)
                batch.clear()
        yield "".join(batch)
    except jinja2.TemplateError as exc:  # a user template that does not fit the context
        raise _template_error(exc) from exc
