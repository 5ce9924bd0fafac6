"""Family Q: likely duplicates, citations of obsolete standards, low evaluation scores."""

from __future__ import annotations

import datetime as dt

from jgsw_std.rules.quality import find_duplicates, jaccard, normalize_title, title_grams
from tests.conftest import MiniFactory
from tests.rules.helpers import findings, messages


def std(code: str, title: str, tail: str = "", area: str = "vehicles") -> dict[str, str]:
    """Line 1 code, 2 title, 3 area, 4 status, 5 published, 6 effective, then ``tail``."""
    slug = code.lower().replace("/", "-").replace(" ", "-")
    return {
        f"data/standards/{area}/{slug}.yaml": (
            f"code: {code}\ntitle: {title}\narea: {area}\nstatus: published\n"
            f"published: 2020-01-01\neffective: 2020-06-01\n{tail}"
        )
    }


def p(code: str, area: str = "vehicles") -> str:
    return f"data/standards/{area}/{code.lower().replace('/', '-').replace(' ', '-')}.yaml"


def test_normalize_drops_punctuation_width_and_common_words() -> None:
    assert (
        normalize_title("《公务用车管理》 指南")
        == normalize_title("公务用车管理规范")
        == "公务用车"
    )
    assert normalize_title("ＡＢＣ　公务用车（试行）") == "abc公务用车试行"
    assert title_grams("公务用车") == frozenset({"公务", "务用", "用车"})
    assert jaccard(title_grams("公务用车"), title_grams("公务用车使用")) == 0.6


def test_q701_likely_duplicates_within_an_area(mini: MiniFactory) -> None:
    wh = mini(
        {
            **std("DB50/T 1-2020", "公务用车管理规范"),
            **std("DB50/T 2-2020", "《公务用车管理》指南"),  # same subject: similarity 1
            **std("DB50/T 3-2020", "党政机关公务用车使用管理规范"),  # 0.6: a different subject
            **std("DB50/T 4-2020", "公务用车调度平台运行维护规范"),
            **std("DB50/T 5-2020", "公务用车调度平台运行维修规范"),  # 10 of 12 bigrams: 0.83
        }
    ).load()
    assert findings(wh, "Q701") == [
        (p("DB50/T 2-2020"), 2, 8, "Q701"),
        (p("DB50/T 5-2020"), 2, 8, "Q701"),
    ]
    assert messages(wh, "Q701")[0] == (
        "标题与 DB50/T 1-2020《公务用车管理规范》（data/standards/vehicles/db50-t-1-2020.yaml）"
        "高度相似（相似度 1.00），可能重复建设"
    )
    assert "similarity 0.83" in messages(wh, "Q701", lang="en")[1]
    # a stricter threshold keeps only the identical pair
    assert findings(wh, "Q701", thresholds={"duplicate_similarity": 0.9}) == [
        (p("DB50/T 2-2020"), 2, 8, "Q701")
    ]


def test_q701_names_the_closest_and_counts_the_rest(mini: MiniFactory) -> None:
    wh = mini(
        {
            **std("DB50/T 1-2020", "公务用车调度平台运行维护规范"),
            **std("DB50/T 2-2020", "公务用车调度平台运行维修规范"),
            **std("DB50/T 3-2020", "公务用车调度平台运行维修指南"),
        }
    ).load()
    texts = messages(wh, "Q701")
    assert len(texts) == 2
    assert "DB50/T 2-2020" in texts[1] and "相似度 1.00" in texts[1]
    assert texts[1].endswith("；另有 1 项标准也相似")


def test_q701_quiet_for_revisions_parts_other_areas_and_repealed(mini: MiniFactory) -> None:
    wh = mini(
        {
            # a revision keeps its predecessor's title
            **std("DB50/T 1-2018", "公务用车管理规范", "superseded_by: DB50/T 1-2026\n"),
            "data/standards/vehicles/db50-t-1-2026.yaml": (
                "code: DB50/T 1-2026\ntitle: 公务用车管理规范\narea: vehicles\nstatus: drafting\n"
                "supersedes: [DB50/T 1-2018]\n"
            ),
            # parts of one multi-part standard
            **std("DB50/T 2-2020", "公务用车服务规范 第1部分：总则"),
            **std("DB50/T 3-2020", "公务用车服务规范 第2部分：总则"),
            # the same title in another area
            **std("DB50/T 4-2020", "物业服务规范", area="logistics"),
            **std("DB50/T 5-2020", "物业服务规范"),
            # a repealed standard is no longer a duplicate of anything
            **std("DB50/T 6-2015", "会议室布置规范", "repealed: 2019-01-01\n"),
            **std("DB50/T 7-2020", "会议室布置规范"),
        }
    ).load()
    assert findings(wh, "Q701", as_of=dt.date(2025, 12, 31)) == []


def test_find_duplicates_is_blocked_by_area_and_matches_brute_force(mini: MiniFactory) -> None:
    """The prefix filter finds exactly the pairs a full comparison finds."""
    titles = [
        "公务用车管理规范",
        "公务用车使用管理规范",
        "公务用车调度平台运行维护规范",
        "公务用车调度平台运行维修规范",
        "车辆维修服务规范",
        "车辆维修服务指南",
        "车辆保险规范",
        "新能源车辆充电设施运行维护规范",
        "新能源车辆充电设施运行维修规范",
        "驾驶员培训规范",
        "车辆编制核定规范",
        "车辆编制核定规程",
        "公务用车",
        "车",
        "执法执勤用车配备规范",
        # exactly on the thresholds: 4 of 5 bigrams (0.8), 1 of 2 (0.5)
        "甲乙丙丁戊己",
        "甲乙丙丁戊",
        "辰巳午",
        "辰巳",
    ]
    files: dict[str, str] = {}
    for number, title in enumerate(titles, start=1):
        files.update(std(f"DB50/T {number}-2020", title))
    wh = mini(files).load()
    for threshold in (0.5, 0.7, 0.8, 0.95):
        found = {(d.later.code, d.earlier.code) for d in find_duplicates(wh.standards, threshold)}
        recs = sorted(wh.standards, key=lambda r: r.path)
        expected = set()
        for i, later in enumerate(recs):
            best = None
            for earlier in recs[:i]:
                a = title_grams(normalize_title(later.model.title))
                b = title_grams(normalize_title(earlier.model.title))
                sim = jaccard(a, b)
                if a and sim >= threshold and (best is None or sim > best[0]):
                    best = (sim, earlier.code)
            if best is not None:
                expected.add((later.code, best[1]))
        assert found == expected, threshold
    on_the_mark = {(d.later.code, d.earlier.code) for d in find_duplicates(wh.standards, 0.8)}
    assert ("DB50/T 17-2020", "DB50/T 16-2020") in on_the_mark  # 0.8 reaches 0.8


def test_q702_cites_superseded_and_repealed(mini: MiniFactory) -> None:
    wh = mini(
        {
            **std("DB50/T 1-2015", "旧规范", "superseded_by: DB50/T 1-2020\n"),
            "data/standards/vehicles/db50-t-1-2020.yaml": (
                "code: DB50/T 1-2020\ntitle: 新规范\narea: vehicles\nstatus: published\n"
                "published: 2020-01-01\neffective: 2020-06-01\nsupersedes: [DB50/T 1-2015]\n"
            ),
            **std("DB50/T 2-2015", "废止的规范", "status: repealed\nrepealed: 2021-03-01\n"),
            **std(
                "DB50/T 3-2022",
                "引用方",
                "references: [DB50/T 1-2015, GB/T 9-2019, DB50/T 2-2015]\n",
            ),
        }
    ).load()
    assert findings(wh, "Q702") == [
        (p("DB50/T 3-2022"), 7, 14, "Q702"),
        (p("DB50/T 3-2022"), 7, 42, "Q702"),
    ]
    zh = messages(wh, "Q702")
    assert zh == [
        "引用的 DB50/T 1-2015 已被代替，现行替代标准为 DB50/T 1-2020",
        "引用的 DB50/T 2-2015 已于 2021-03-01 废止",
    ]
    assert messages(wh, "Q702", lang="en")[0] == (
        "cites DB50/T 1-2015, which is superseded; its successor is DB50/T 1-2020"
    )


def test_q702_quiet_before_the_successor_takes_effect(mini: MiniFactory) -> None:
    wh = mini(
        {
            **std("DB50/T 1-2015", "旧规范", "superseded_by: DB50/T 1-2020\n"),
            "data/standards/vehicles/db50-t-1-2020.yaml": (
                "code: DB50/T 1-2020\ntitle: 新规范\narea: vehicles\nstatus: published\n"
                "published: 2020-01-01\neffective: 2020-06-01\nsupersedes: [DB50/T 1-2015]\n"
            ),
            **std("DB50/T 3-2019", "引用方", "references: [DB50/T 1-2015]\n"),
        }
    ).load()
    assert findings(wh, "Q702", as_of=dt.date(2020, 5, 31)) == []


def test_q703_latest_score_below_the_floor(mini: MiniFactory) -> None:
    tail = (
        "evaluations:\n  - {date: 2022-06-01, score: 88}\n"
        "  - {date: 2024-06-01, method: DB50/T 1053-2020, score: 55.5}\n"
    )
    wh = mini({**std("DB50/T 1-2020", "物业规范", tail)}).load()
    assert findings(wh, "Q703") == [(p("DB50/T 1-2020"), 9, 5, "Q703")]
    assert messages(wh, "Q703") == ["2024-06-01 实施效果评价得分 55.5，低于 60 分"]
    assert findings(wh, "Q703", thresholds={"evaluation_score_floor": 50}) == []


def test_q703_quiet_when_a_later_evaluation_is_better(mini: MiniFactory) -> None:
    tail = "evaluations:\n  - {date: 2022-06-01, score: 40}\n  - {date: 2024-06-01}\n  - {date: 2025-01-01, score: 75}\n"
    wh = mini({**std("DB50/T 1-2020", "物业规范", tail)}).load()
    assert findings(wh, "Q703") == []
    # before the better one, the low score stood (the unscored one in between does not count)
    assert findings(wh, "Q703", as_of=dt.date(2024, 12, 31)) == [(p("DB50/T 1-2020"), 8, 5, "Q703")]
