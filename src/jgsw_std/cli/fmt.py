"""`jgsw fmt [PATHS] [--check]`: one canonical form for every warehouse file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jgsw_std.cli.common import LangOption, RootOption


def fmt(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders under data/ (default: all of data/).", show_default=False
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Change nothing; list the files that would change and exit 1."
        ),
    ] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Also print what would change.")] = False,
    root: RootOption = None,
    lang: LangOption = None,
) -> None:
    """格式化数据文件 / Rewrite files in the canonical form, keeping every comment.

    Canonical: modeline first, keys in data-contract order, plain strings unless
    quoting is needed (then double quotes), dates YYYY-MM-DD, two-space indentation.
    Exit codes: 0 nothing to do (or done), 1 files would change (--check), could not be
    formatted, or a path given does not exist, is outside data/ or is not YAML.
    """
    from jgsw_std.edit.fmt import plan_fmt, select_files
    from jgsw_std.edit.safe import apply_changes
    from jgsw_std.i18n import pick, resolve_lang
    from jgsw_std.load.root import find_root

    language = resolve_lang(lang)
    start = _start_dir(paths or [])
    warehouse = find_root(root, start=start)
    rels, refused = select_files(warehouse, paths or [])
    outcomes = refused + plan_fmt(warehouse, rels)
    changed = [o for o in outcomes if o.changed and o.change is not None]
    errors = [o for o in outcomes if o.error is not None]
    for outcome in errors:
        assert outcome.error is not None
        typer.echo(f"jgsw fmt: {outcome.error.text(language)}", err=True)
    for outcome in changed:
        assert outcome.change is not None
        if check:
            label = pick(language, "需要格式化：", "would reformat: ")
        else:
            label = pick(language, "已格式化：", "reformatted: ")
        typer.echo(f"{label}{outcome.rel}")
        if diff:
            typer.echo(outcome.change.diff(), nl=False)
    if not check and changed:
        apply_changes(warehouse, [o.change for o in changed if o.change is not None], check=False)
    total = len(outcomes)
    if check:
        summary = pick(
            language,
            f"共 {total} 个文件，{len(changed)} 个需要格式化，{len(errors)} 个无法处理。",
            f"{total} files, {len(changed)} would be reformatted, "
            f"{len(errors)} could not be formatted.",
        )
    else:
        summary = pick(
            language,
            f"共 {total} 个文件，已格式化 {len(changed)} 个，{len(errors)} 个无法处理。",
            f"{total} files, {len(changed)} reformatted, {len(errors)} could not be formatted.",
        )
    typer.echo(summary, err=True)
    failed = bool(errors) or (check and bool(changed))
    raise typer.Exit(1 if failed else 0)


def _start_dir(paths: list[Path]) -> Path | None:
    """Find the warehouse from the first path given (pre-commit passes file names)."""
    if not paths:
        return None
    first = paths[0].resolve()
    return first if first.is_dir() else first.parent


def register(app: typer.Typer) -> None:
    app.command("fmt")(fmt)
