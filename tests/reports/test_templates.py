"""Templates: the defaults ship with the package, and a user's own override them piece by piece."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest

from jgsw_std import resources
from jgsw_std.errors import UsageError
from jgsw_std.load.warehouse import load_worktree
from jgsw_std.reports.render import Format, environment, render, search_path
from tests.conftest import REPO, CliRunner

from .conftest import context_of

PARTIALS = ("cover", "summary", "indicators", "matrix", "catalogue", "duties", "districts", "trend")


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_resource_lookup_finds_every_default_template(fmt: Format) -> None:
    folder = resources.resource_dir("templates") / fmt
    assert (folder / f"report.{fmt}.j2").is_file()
    for name in PARTIALS:
        assert (folder / f"{name}.{fmt}.j2").is_file(), name
    # every template the main one includes or imports is there
    env, main = environment(fmt)
    source = (folder / main).read_text(encoding="utf-8")
    for name in re.findall(r'{%\s*(?:include|import)\s+"([^"]+)"', source):
        assert env.get_template(name)


def test_wheel_carries_the_templates_where_resources_look() -> None:
    # pyproject force-includes templates/ as jgsw_std/templates: the path
    # resource_dir checks first, so a wheel finds its own copy.
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert include["templates"] == "jgsw_std/templates"


def test_packaged_templates_are_used_when_present(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo_root: Path
) -> None:
    # Lay the package out as a wheel installs it: jgsw_std/templates next to the code.
    package = tmp_path / "site-packages" / "jgsw_std"
    shutil.copytree(REPO / "templates", package / "templates")
    cover = package / "templates" / "md" / "cover.md.j2"
    cover.write_text("# 来自安装包的模板\n", encoding="utf-8")
    monkeypatch.setattr(resources, "_PACKAGE", package)
    assert resources.resource_dir("templates") == package / "templates"
    md = render(context_of(load_worktree(demo_root)), "md")
    assert md.startswith("# 来自安装包的模板")


def test_user_folder_overrides_one_partial(tmp_path: Path, demo_root: Path) -> None:
    mine = tmp_path / "mine" / "html"
    mine.mkdir(parents=True)
    (mine / "cover.html.j2").write_text(
        '<header id="top"><h1>区县自定义封面 {{ cover.as_of }}</h1></header>\n', encoding="utf-8"
    )
    html = render(context_of(load_worktree(demo_root)), "html", tmp_path / "mine")
    assert "区县自定义封面 2025-12-31" in html
    assert 'id="sec-catalogue"' in html  # the rest still comes from the defaults


def test_user_file_can_extend_the_default(tmp_path: Path, demo_root: Path) -> None:
    page = tmp_path / "page.md.j2"
    page.write_text(
        '{% extends "default/report.md.j2" %}\n'
        "{% block toc %}\n> 本报告供内部传阅。\n{% endblock %}\n",
        encoding="utf-8",
    )
    md = render(context_of(load_worktree(demo_root)), "md", page)
    assert "> 本报告供内部传阅。" in md
    assert "## 目录" not in md
    assert "## 标准目录" in md


def test_missing_template_stops_the_run(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        search_path("html", tmp_path / "nowhere.html.j2")


def test_broken_user_template_is_a_usage_error(
    cli: CliRunner, tmp_path: Path, demo_root: Path
) -> None:
    page = tmp_path / "bad.html.j2"
    page.write_text("<p>{{ cover.no_such_field }}</p>\n", encoding="utf-8")
    result = cli(
        "report",
        "--root",
        str(demo_root),
        "--as-of",
        "2025-12-31",
        "--template",
        str(page),
        "-o",
        str(tmp_path / "out.html"),
    )
    assert result.exit_code == 1
    assert "报告模板出错" in result.stderr and "bad.html.j2" in result.stderr
    assert not (tmp_path / "out.html").exists()
