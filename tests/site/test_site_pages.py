"""`jgsw site`: the pages, their links, the downloads, the banner, the languages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest

from jgsw_std.model.codes import code_slug
from tests.conftest import REPO, CliRunner, MiniFactory
from tests.history.conftest import GitWarehouse, standard
from tests.reports.conftest import HOSTILE_STANDARDS, SCRIPT_TITLE

from .conftest import AS_OF, Built, build, links_of, needs_pagefind, visible_text

PAGES = (
    "index.html",
    "catalogue.html",
    "search.html",
    "matrix.html",
    "due.html",
    "districts/index.html",
    "changes/index.html",
)


def test_every_page_and_download_is_there(demo_site: Built, demo_root: Path) -> None:
    for rel in PAGES:
        assert (demo_site.out / rel).is_file(), rel
    standards = list((demo_root / "data" / "standards").rglob("*.yaml"))
    assert len(list((demo_site.out / "standards").glob("*.html"))) == len(standards) == 300
    districts = list((demo_root / "data" / "districts").glob("*.yaml"))
    assert len(list((demo_site.out / "districts").glob("*.html"))) == len(districts) + 1
    book = openpyxl.load_workbook(demo_site.out / "downloads" / "catalogue.xlsx")
    assert book.worksheets[0].max_row == 301  # header and one row per standard
    text = (demo_site.out / "downloads" / "catalogue.csv").read_bytes()
    assert text.startswith("\ufeff".encode())  # Excel reads the Chinese as UTF-8
    assert len(list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))) == 301
    data = json.loads((demo_site.out / "downloads" / "catalogue.json").read_text("utf-8"))
    assert len(data["standards"]) == 300


def test_links_stay_inside_and_lead_somewhere(demo_site: Built) -> None:
    """No page loads anything from another host, and every link inside resolves.

    The one kind of link that may leave the site is a record's own web address
    (a document of the 资料库 published online): a link the reader follows, not
    something the page loads.
    """
    checked = 0
    outside = 0
    for page in demo_site.pages():
        for tag, _attr, value in links_of(page.read_text("utf-8")):
            if value.startswith(("http:", "https:", "//")):
                assert tag == "a" and value.startswith("https://www.example.org/"), (
                    page,
                    tag,
                    value,
                )
                outside += 1
                continue
            if value.startswith(("#", "data:")):
                continue
            target = (page.parent / urlsplit(value).path).resolve()
            assert target.is_file() or (tag == "form" and target.name == "search.html"), (
                page,
                value,
            )
            checked += 1
    assert checked > 5000
    assert outside > 0  # the demo's online documents are linked


def test_demo_banner_on_every_page(demo_site: Built) -> None:
    pages = demo_site.pages()
    assert len(pages) > 340
    for page in pages:
        assert 'class="synthetic"' in page.read_text("utf-8"), page


def test_real_warehouse_has_no_banner_and_finds_its_codes(tmp_path: Path) -> None:
    site = build(REPO, tmp_path / "site")
    home = site.html("index.html")
    assert 'class="synthetic"' not in home
    page = site.html(f"standards/{code_slug('DB50/T 1056-2020')}.html")
    assert "党政机关物业管理服务规范" in page
    # the hidden words the browser's search matches DB50T1056 and db50/t1056 against
    assert "db50t1056 db50t10562020 t1056" in page
    assert "Property management service specification" in page  # the English title
    catalogue = site.html("catalogue.html")
    assert catalogue.count("<tr data-area=") == 11


def test_standard_page_has_every_part(demo_site: Built, demo_root: Path) -> None:
    from jgsw_std.load.warehouse import load_worktree

    wh = load_worktree(demo_root)
    replaced = next(r for r in wh.standards if r.model.superseded_by and r.model.reviews)
    page = demo_site.html(f"standards/{code_slug(replaced.code)}.html")
    text = visible_text(page)
    for words in ("基本信息", "生命周期", "运用情况", "代替关系", "待办", "修改记录"):
        assert words in text
    successor = replaced.model.superseded_by
    assert successor is not None
    assert f'href="../standards/{code_slug(successor)}.html"' in page
    assert "被代替" in text and "复审" in text
    # no git in the demo: the history section says so instead of listing nothing
    assert "没有 git 历史" in text


def test_references_and_chain_link_both_ways(mini: MiniFactory, tmp_path: Path) -> None:
    def std(code: str, tail: str) -> str:
        return (
            f"code: {code}\ntitle: {code} 规范\nlevel: local\ncategory: operation\n"
            f"area: vehicles\nitems: [vehicles.quota]\nstatus: published\n{tail}"
        )

    files = {
        "data/standards/vehicles/db50-t-1-2015.yaml": std(
            "DB50/T 1-2015", "published: 2015-01-01\neffective: 2015-03-01\n"
        ),
        "data/standards/vehicles/db50-t-1-2019.yaml": std(
            "DB50/T 1-2019",
            "published: 2019-01-01\neffective: 2019-03-01\nsupersedes: [DB50/T 1-2015]\n",
        ),
        "data/standards/vehicles/db50-t-1-2024.yaml": std(
            "DB50/T 1-2024",
            "published: 2024-01-01\neffective: 2024-03-01\nsupersedes: [DB50/T 1-2019]\n"
            "references: [DB50/T 1-2015, GB/T 99999-2020]\n",
        ),
    }
    site = build(mini(files).root, tmp_path / "site")
    middle = site.html("standards/db50-t-1-2019.html")
    chain = middle.split('<ol class="chain">')[1].split("</ol>")[0]
    assert (
        chain.index("DB50/T 1-2015") < chain.index("DB50/T 1-2019") < chain.index("DB50/T 1-2024")
    )
    assert 'class="current"' in chain and "被代替" in visible_text(middle)
    newest = site.html("standards/db50-t-1-2024.html")
    assert 'href="../standards/db50-t-1-2015.html"' in newest
    assert "GB/T 99999-2020" in newest and "不在标准仓中" in newest
    oldest = visible_text(site.html("standards/db50-t-1-2015.html"))
    assert "被以下标准引用" in oldest and "DB50/T 1-2024" in oldest


def test_timeline_is_in_date_order(demo_site: Built, demo_root: Path) -> None:
    from jgsw_std.load.warehouse import load_worktree

    wh = load_worktree(demo_root)
    rec = next(r for r in wh.standards if r.model.reviews and r.model.evaluations)
    page = demo_site.html(f"standards/{code_slug(rec.code)}.html")
    dates = [
        chunk.split("</time>")[0]
        for chunk in page.split('<ol class="timeline">')[1].split("</ol>")[0].split("<time>")[1:]
    ]
    assert len(dates) >= 4
    assert dates == sorted(dates, key=lambda d: d if len(d) > 4 else d + "-01-01")


def test_matrix_cells_open_the_catalogue_filtered(demo_site: Built) -> None:
    matrix = demo_site.html("matrix.html")
    cells = [v for _, _, v in links_of(matrix) if v.startswith("catalogue.html?")]
    assert len(cells) > 30
    query = parse_qs(urlsplit(cells[0]).query)
    assert query["state"] == ["in-force"] and "area" in query and "category" in query
    standard_links = [v for _, _, v in links_of(matrix) if v.startswith("standards/")]
    assert len(standard_links) > 20


def test_hostile_titles_stay_text(mini: MiniFactory, tmp_path: Path) -> None:
    wh = mini(HOSTILE_STANDARDS)
    site = build(wh.root, tmp_path / "site")
    escaped = SCRIPT_TITLE.replace("<", "&lt;").replace(">", "&gt;")
    for rel in ("catalogue.html", f"standards/{code_slug('DB50/T 2001-2022')}.html"):
        text = site.html(rel)
        assert SCRIPT_TITLE not in text and escaped in text
        assert "<b>粗体</b>" not in text


def test_english_site(demo_root: Path, tmp_path: Path) -> None:
    site = build(demo_root, tmp_path / "site", lang="en")
    home = site.html("index.html")
    assert '<html lang="en">' in home
    assert "Catalogue" in home and "SYNTHETIC demo data" in home
    assert "标准目录" not in home


def test_git_history_pages(git_wh: object, tmp_path: Path) -> None:
    repo: GitWarehouse = git_wh()  # type: ignore[operator]
    path = "data/standards/vehicles/db50-t-1-2020.yaml"
    repo.commit("新增标准", {path: standard("DB50/T 1-2020", title="公务用车编制规范")})
    repo.commit(
        "复审",
        {path: standard("DB50/T 1-2020", title="公务用车编制规范（修订）")},
        author=("李强", "liqiang@example.com"),
    )
    site = build(repo.root, tmp_path / "site")
    page = visible_text(site.html("standards/db50-t-1-2020.html"))
    assert "李强" in page and "复审" in page
    assert "title: 公务用车编制规范 → 公务用车编制规范（修订）" in page
    month = repo.clock.strftime("%Y-%m")
    changes = visible_text(site.html(f"changes/{month}.html"))
    assert "DB50/T 1-2020" in changes and "公务用车编制规范（修订）" in changes
    index = site.html("changes/index.html")
    assert f'href="../changes/{month}.html"' in index


def test_folder_rules(demo_root: Path, tmp_path: Path, cli: CliRunner) -> None:
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    result = cli("site", str(foreign), "--root", str(demo_root), "--no-search")
    assert result.exit_code == 1 and "不是空目录" in result.stderr
    assert (foreign / "notes.txt").read_text() == "keep me"
    assert not (foreign / "index.html").exists()
    file = tmp_path / "file.html"
    file.write_text("x")
    assert cli("site", str(file), "--root", str(demo_root), "--no-search").exit_code == 1


def test_missing_pagefind_says_how_to_install(
    demo_root: Path, tmp_path: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "pagefind_bin_extended" else real(name, *a),
    )
    result = cli("site", str(tmp_path / "s"), "--root", str(demo_root))
    assert result.exit_code == 1
    assert "需要 Pagefind" in result.stderr
    assert 'pip install "jgsw-std[site]"' in result.stderr and "--no-search" in result.stderr
    assert not (tmp_path / "s").exists()  # stopped before any work
    english = cli("site", str(tmp_path / "s"), "--root", str(demo_root), "--lang", "en")
    assert "needs Pagefind" in english.stderr


def test_no_search_site_says_so(demo_site: Built) -> None:
    assert not (demo_site.out / "pagefind").exists()
    page = demo_site.html("search.html")
    assert "search-offline" in page  # the notice shown until the search module runs


@needs_pagefind
def test_cli_builds_and_indexes(cli: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = cli("site", str(out), "--root", str(REPO), "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0, result.stderr
    assert "网站已生成" in result.stdout and "检索索引已重建" in result.stdout
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["zh-cn"]["page_count"] == 11
    again = cli("site", str(out), "--root", str(REPO), "--as-of", AS_OF.isoformat(), "--lang", "en")
    assert again.exit_code == 0 and "search index rebuilt" in again.stdout


def test_serve_answers_on_localhost_with_the_right_types(demo_site: Built) -> None:
    import urllib.request

    from .browser import served

    with served(demo_site.out) as base:
        assert base.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(base + "index.html", timeout=10) as answer:
            assert answer.headers["Content-Type"].startswith("text/html")
            assert "机关事务标准化信息平台" in answer.read().decode("utf-8")
        with urllib.request.urlopen(base + "assets/tables.js", timeout=10) as answer:
            assert answer.headers["Content-Type"] == "text/javascript"


def test_serve_on_a_taken_port_is_a_message(demo_site: Built) -> None:
    import socket

    from jgsw_std.errors import UsageError
    from jgsw_std.output.site_serve import serve

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(UsageError, match=r"cannot serve on 127\.0\.0\.1"):
            serve(demo_site.out, taken.getsockname()[1], "zh")


def test_registries_hook_into_pages_and_search(
    mini: MiniFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: CliRunner
) -> None:
    """A registry adds a section to every standard's page and titles the search finds."""
    from jgsw_std.reports import searchable
    from jgsw_std.reports.site import standard as pages

    def feedback(site: object, rec: object) -> dict[str, object]:
        return {
            "key": "feedback",
            "title": "信息反馈",
            "columns": ["编号", "内容"],
            "rows": [
                [{"text": "2024-0012"}, {"text": "第5.3条<不清楚>", "url": "https://x.test/"}]
            ],
        }

    monkeypatch.setattr(pages, "STANDARD_SECTIONS", [*pages.STANDARD_SECTIONS, feedback])
    monkeypatch.setattr(
        searchable,
        "TEXT_SOURCES",
        [*searchable.TEXT_SOURCES, lambda wh, rec: ["物业服务宣贯材料"]],
    )
    wh = mini(HOSTILE_STANDARDS)
    site = build(wh.root, tmp_path / "site")
    page = site.html(f"standards/{code_slug('DB50/T 2003-2020')}.html")
    assert '<section id="feedback">' in page and "信息反馈" in page
    assert "第5.3条&lt;不清楚&gt;" in page and 'href="https://x.test/"' in page
    assert "物业服务宣贯材料" in page.split("data-pagefind-body")[1].split("</header>")[0]
    found = cli("find", "宣贯材料", "--root", str(wh.root), "-f", "json")
    assert found.exit_code == 0
    assert {r["matched"] for r in json.loads(found.stdout)["results"]} == {"documents"}
