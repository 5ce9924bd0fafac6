"""`jgsw find`: codes in any spelling, words, filters, ranking, no match, the index."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tests.conftest import CliRunner, MiniFactory, MiniWarehouse

from jgsw_std.load.search_index import index_path

AS_OF = "2025-12-31"


def std(code: str, title: str, area: str, item: str, tail: str, level: str = "local") -> str:
    return (
        f"code: {code}\ntitle: {title}\nlevel: {level}\ncategory: operation\n"
        f"area: {area}\nitems: [{item}]\n{tail}"
    )


FILES = {
    "data/standards/logistics/db50-t-1056-2020.yaml": std(
        "DB50/T 1056-2020",
        "党政机关物业管理服务规范",
        "logistics",
        "logistics.property",
        "title_en: Property management service specification\nowner: shapingba\n"
        "status: published\npublished: 2020-11-01\neffective: 2021-02-01\n",
    ),
    # shares the prefix db50t1056 with the one above
    "data/standards/vehicles/db50-t-10560-2022.yaml": std(
        "DB50/T 10560-2022",
        "公务用车处置规范",
        "vehicles",
        "vehicles.disposal",
        "owner: chongqing\nstatus: repealed\npublished: 2022-01-01\neffective: 2022-03-01\n"
        "repealed: 2024-06-30\n",
    ),
    "data/standards/general/gb-t-41568-2022.yaml": std(
        "GB/T 41568-2022",
        "机关事务管理 术语",
        "general",
        "logistics.property",
        "status: published\npublished: 2022-07-11\neffective: 2022-11-01\n",
        level="national",
    ),
    "data/standards/vehicles/db50-t-2001-2019.yaml": std(
        "DB50/T 2001-2019",
        "公务用车编制规范",
        "vehicles",
        "vehicles.quota",
        "owner: wanzhou\nstatus: published\npublished: 2019-03-01\neffective: 2019-06-01\n"
        "superseded_by: DB50/T 2001-2023\n",
    ),
    "data/standards/vehicles/db50-t-2001-2023.yaml": std(
        "DB50/T 2001-2023",
        "公务用车编制规范",
        "vehicles",
        "vehicles.quota",
        "owner: wanzhou\nstatus: published\npublished: 2023-03-01\neffective: 2023-07-01\n"
        "supersedes: [DB50/T 2001-2019]\n",
    ),
    "data/standards/reception/db50-t-3000-2026.yaml": std(
        "DB50/T 3000-2026",
        "会议服务评价规范",
        "reception",
        "reception.meeting",
        "owner: shapingba\nstatus: drafting\nplan: {year: 2026, kind: new}\n",
    ),
}


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("JGSW_CACHE_DIR", str(cache))
    return cache


@pytest.fixture
def wh(mini: MiniFactory) -> MiniWarehouse:
    return mini(FILES)


def find_json(cli: CliRunner, root: Path, *args: str, code: int = 0) -> dict:
    result = cli("find", "--root", str(root), "--as-of", AS_OF, "-f", "json", *args)
    assert result.exit_code == code, result.stderr
    data: dict = json.loads(result.stdout)
    return data


def codes(data: dict) -> list[str]:
    return [r["code"] for r in data["results"]]


@pytest.mark.parametrize(
    "query",
    [
        "DB50/T 1056-2020",
        "DB50T1056",
        "db50/t1056",
        "1056-2020",
        "db50-t-1056-2020",
        "ＤＢ５０／Ｔ　１０５６－２０２０",
        "DB50/T1056—2020",
        "db50 / t 1056 – 2020",
        "物业",
        "物业 服务规范",
        "property management",
    ],
)
def test_every_spelling_finds_the_standard_first(
    cli: CliRunner, wh: MiniWarehouse, query: str
) -> None:
    data = find_json(cli, wh.root, query)
    assert codes(data)[0] == "DB50/T 1056-2020"
    assert data["results"][0]["status"] == "in-force"
    assert data["results"][0]["area"] == "logistics"


def test_exact_code_ranks_before_a_longer_number(cli: CliRunner, wh: MiniWarehouse) -> None:
    assert codes(find_json(cli, wh.root, "DB50T1056")) == ["DB50/T 1056-2020", "DB50/T 10560-2022"]
    assert codes(find_json(cli, wh.root, "DB50T10560"))[0] == "DB50/T 10560-2022"


def test_a_joint_standard_is_found_by_the_other_provinces_code(
    cli: CliRunner, wh: MiniWarehouse
) -> None:
    # DOMAIN.md: DB50/T 10004-2023 (= DB51/T 10004-2023); 10560 is in the joint series
    assert codes(find_json(cli, wh.root, "DB51/T 10560-2022")) == ["DB50/T 10560-2022"]
    find_json(cli, wh.root, "DB51/T 1056-2020", code=1)  # not a joint number: no twin


def test_all_words_must_match(cli: CliRunner, wh: MiniWarehouse) -> None:
    assert codes(find_json(cli, wh.root, "公务用车 编制")) == [
        "DB50/T 2001-2023",
        "DB50/T 2001-2019",
    ]
    find_json(cli, wh.root, "公务用车 物业", code=1)


def test_owner_names_and_items_are_searched(cli: CliRunner, wh: MiniWarehouse) -> None:
    assert set(codes(find_json(cli, wh.root, "万州区"))) == {"DB50/T 2001-2019", "DB50/T 2001-2023"}
    # 物业服务 is the name of the business item logistics.property, in no title
    assert set(codes(find_json(cli, wh.root, "物业服务"))) == {
        "DB50/T 1056-2020",
        "GB/T 41568-2022",
    }
    find_json(cli, wh.root, "餐饮服务", code=1)  # an item nobody covers
    assert "DB50/T 10560-2022" in codes(find_json(cli, wh.root, "处置"))


def test_filters(cli: CliRunner, wh: MiniWarehouse) -> None:
    assert codes(find_json(cli, wh.root, "规范", "--area", "公务用车")) == [
        "DB50/T 2001-2023",
        "DB50/T 10560-2022",
        "DB50/T 2001-2019",
    ]
    assert codes(find_json(cli, wh.root, "规范", "--area", "vehicles", "--status", "现行")) == [
        "DB50/T 2001-2023"
    ]
    assert codes(find_json(cli, wh.root, "规范", "--status", "superseded")) == ["DB50/T 2001-2019"]
    assert codes(find_json(cli, wh.root, "规范", "--status", "制修订中")) == ["DB50/T 3000-2026"]
    assert codes(find_json(cli, wh.root, "术语", "--level", "国家标准")) == ["GB/T 41568-2022"]
    find_json(cli, wh.root, "术语", "--level", "local", code=1)
    assert set(codes(find_json(cli, wh.root, "规范", "--owner", "沙坪坝区"))) == {
        "DB50/T 1056-2020",
        "DB50/T 3000-2026",
    }


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # DB50/T 1056-2020 takes effect on 2021-02-01
        ("2021-01-31", set()),
        ("2021-02-01", {"DB50/T 1056-2020"}),
        # DB50/T 10560-2022 is repealed on 2024-06-30 (in force the day before)
        ("2024-06-29", {"DB50/T 1056-2020", "DB50/T 10560-2022"}),
        ("2024-06-30", {"DB50/T 1056-2020"}),
    ],
)
def test_in_force_at_on_the_exact_days(
    cli: CliRunner, wh: MiniWarehouse, day: str, expected: set[str]
) -> None:
    data = find_json(cli, wh.root, "DB50T1056", "--in-force-at", day, code=0 if expected else 1)
    assert set(codes(data)) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [("2023-06-30", "DB50/T 2001-2019"), ("2023-07-01", "DB50/T 2001-2023")],
)
def test_supersession_on_the_exact_day(
    cli: CliRunner, wh: MiniWarehouse, day: str, expected: str
) -> None:
    assert codes(find_json(cli, wh.root, "编制", "--in-force-at", day)) == [expected]


def test_no_match_exits_1_with_the_nearest_codes(cli: CliRunner, wh: MiniWarehouse) -> None:
    result = cli("find", "--root", str(wh.root), "DB50T1057")
    assert result.exit_code == 1
    assert "没有匹配“DB50T1057”的标准" in result.stdout
    assert "最接近的编号" in result.stdout and "DB50/T 1056-2020" in result.stdout
    data = find_json(cli, wh.root, "DB50T1057", code=1)
    assert data["total"] == 0 and data["nearest"][0]["code"] == "DB50/T 1056-2020"
    data = find_json(cli, wh.root, "DB50/T 2002-2019", code=1)  # the number next to 2001
    assert {d["code"] for d in data["nearest"][:2]} == {"DB50/T 2001-2023", "DB50/T 2001-2019"}
    words = find_json(cli, wh.root, "物业服务规则", code=1)  # 物业, 服务 in one title
    assert words["nearest"][0]["code"] == "DB50/T 1056-2020"
    english = cli("find", "--root", str(wh.root), "no such thing", "--lang", "en")
    assert english.exit_code == 1 and "No match for 'no such thing'" in english.stdout


def test_text_output_lists_code_status_area_and_title(cli: CliRunner, wh: MiniWarehouse) -> None:
    result = cli("find", "--root", str(wh.root), "--as-of", AS_OF, "公务用车")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("找到 3 项匹配“公务用车”的标准")
    assert lines[1].split() == ["DB50/T", "2001-2023", "现行", "公务用车", "公务用车编制规范"]
    assert "被代替" in result.stdout and "废止" in result.stdout


def test_limit_says_how_many_are_shown(cli: CliRunner, wh: MiniWarehouse) -> None:
    result = cli("find", "--root", str(wh.root), "规范", "-n", "2", "--lang", "en")
    assert result.exit_code == 0
    assert "the first 2 shown (--limit)" in result.stdout
    assert len([x for x in result.stdout.splitlines() if x.startswith("  ")]) == 2


def test_unknown_filter_values_are_refused(cli: CliRunner, wh: MiniWarehouse) -> None:
    result = cli("find", "--root", str(wh.root), "规范", "--area", "spaceships")
    assert result.exit_code == 1
    assert (
        "没有这个业务方面：spaceships" in result.stderr and "vehicles（公务用车）" in result.stderr
    )
    result = cli("find", "--root", str(wh.root), "规范", "--status", "alive")
    assert result.exit_code == 1 and "没有这个状态" in result.stderr
    assert cli("find", "--root", str(wh.root), "  ").exit_code == 1
    long = cli("find", "--root", str(wh.root), "规" * 201)
    assert long.exit_code == 1 and "检索词太长（201 个字符，最多 200 个）" in long.stderr
    longest = cli("find", "--root", str(wh.root), "规" * 200)
    assert longest.exit_code == 1 and "没有匹配" in longest.stdout  # searched, nothing found


def test_the_index_lives_in_the_cache_and_follows_the_files(
    cli: CliRunner, wh: MiniWarehouse, private_cache: Path
) -> None:
    from jgsw_std.app.find import FindRequest, run_find

    first = run_find(FindRequest("物业", root=wh.root))
    assert not first.indexed  # loaded, and the index written for next time
    where = index_path(wh.root)
    assert where.is_file() and private_cache in where.parents
    assert not any(p.suffix == ".sqlite" for p in wh.root.rglob("*"))
    second = run_find(FindRequest("物业", root=wh.root))
    assert second.indexed and [h.doc.code for h in second.hits] == [
        "DB50/T 1056-2020",  # in its title
        "GB/T 41568-2022",  # in its business item 物业服务
    ]

    # a changed title is found at once: the index no longer matches the files
    path = wh.root / "data/standards/logistics/db50-t-1056-2020.yaml"
    path.write_text(path.read_text("utf-8").replace("物业管理", "保洁管理"), "utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    third = run_find(FindRequest("保洁", root=wh.root))
    assert not third.indexed and [h.doc.code for h in third.hits] == ["DB50/T 1056-2020"]
    assert run_find(FindRequest("保洁", root=wh.root)).indexed
    assert [h.field for h in run_find(FindRequest("物业", root=wh.root)).hits] == ["items"] * 2


@pytest.mark.parametrize(
    ("query", "args"),
    [
        ("物业", []),
        ("DB50T1056", []),
        ("1056", []),
        ("规范", ["--status", "现行"]),
        ("公务用车 编制", ["--in-force-at", "2023-06-30"]),
        ("2020", []),
        ("t2001", []),
        ("db50", ["--owner", "wanzhou"]),
    ],
)
def test_index_and_warehouse_give_the_same_answer(
    cli: CliRunner, wh: MiniWarehouse, query: str, args: list[str]
) -> None:
    cold = find_json(cli, wh.root, query, *args)
    assert index_path(wh.root).is_file()
    warm = find_json(cli, wh.root, query, *args)
    assert cold == warm and cold["results"]


def test_unwritable_cache_still_finds(
    cli: CliRunner, wh: MiniWarehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("JGSW_CACHE_DIR", str(blocker))
    assert codes(find_json(cli, wh.root, "物业管理")) == ["DB50/T 1056-2020"]
