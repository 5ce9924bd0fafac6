"""Nested fields the contract shows but does not mark required, as the checks see them
(DOMAIN.md: "Every field not marked required may be absent"). A record omitting one
used to be an S101 that dropped the whole file; it is now kept, and a check that
reads the field reports only what the record shows, naming the field to add.
"""

from __future__ import annotations

import datetime as dt

from jgsw_std.lifecycle.registries import answer_duty, feedback_figures
from jgsw_std.metrics.registries import feedback_summary
from jgsw_std.problems import Severity
from jgsw_std.reports.registry_words import feedback_sentence
from jgsw_std.rules.registry import CheckContext
from jgsw_std.rules.runner import CheckOptions, run_checks
from tests.conftest import MiniFactory
from tests.reports.conftest import context_of
from tests.rules.helpers import END, messages
from tests.rules.test_documents import docs, standard

# -- Document.kind ---------------------------------------------------------------------


def test_document_without_kind_may_be_the_text(mini: MiniFactory) -> None:
    wh = mini(standard(docs("title: 标准全文, url: https://example.org/a.pdf"))).load()
    assert wh.problems == []  # no S101: the standard is kept
    found = run_checks(wh, CheckContext.on(wh, END), CheckOptions(select=["M905"])).problems
    assert [(p.severity, p.line) for p in found] == [(Severity.INFO, 10)]  # the document itself
    (zh,) = messages(wh, "M905")
    assert zh == "现行地方标准可能没有标准文本：取决于 DB50/T 7-2020「标准全文」的资料类型（kind）"
    (en,) = messages(wh, "M905", lang="en")
    assert en == (
        "a current local standard may lack its text: it depends on "
        "the document kind of DB50/T 7-2020「标准全文」"
    )
    # published 2020-01-01: the day before it is not a current standard at all
    assert messages(wh, "M905", as_of=dt.date(2019, 12, 31)) == []
    assert len(messages(wh, "M905", as_of=dt.date(2020, 1, 1))) == 1


def test_a_recorded_text_settles_it_whatever_the_unknown_kind(mini: MiniFactory) -> None:
    both = docs("title: 附件, url: https://example.org/b.pdf", "kind: text, url: https://e.org")
    assert messages(mini(standard(both)).load(), "M905") == []
    # an announcement only, and no document of unknown kind: certainly no text
    (certain,) = messages(
        mini(standard(docs("kind: announcement, url: https://e.org"))).load(), "M905"
    )
    assert certain.startswith("现行地方标准没有标准文本")


def test_catalogue_and_site_show_a_document_without_kind(mini: MiniFactory) -> None:
    wh = mini(standard(docs("url: https://example.org/c.pdf"))).load()
    ctx = context_of(wh)
    rows = [r for a in ctx["catalogue"]["areas"] for b in a["levels"] for r in b["rows"]]
    (doc,) = [d for r in rows for d in r["documents"]]
    assert (doc["kind"], doc["title"]) == (None, "资料（未记类型）")


# -- feedback Response.date / Response.action --------------------------------------------

FB_STD = {
    "data/standards/vehicles/db50-t-7-2020.yaml": (
        "code: DB50/T 7-2020\ntitle: 测试标准\nlevel: local\narea: vehicles\n"
        "items: [vehicles.quota]\nstatus: published\npublished: 2020-01-01\n"
        "effective: 2020-02-01\n"
    )
}
FB_ITEM = "data/feedback/2024/2024-0001.yaml"


def feedback(tail: str) -> dict[str, str]:
    """Feedback 2024-0001 received 2024-03-02: its answer is due by 2024-04-01 (30 days)."""
    text = (
        "id: 2024-0001\nstandard: DB50/T 7-2020\nfrom: shapingba\nreceived: 2024-03-02\n"
        f"text: 条款难以执行。\n{tail}"
    )
    return {**FB_STD, FB_ITEM: text}


def test_response_without_date_makes_f905_only_possible(mini: MiniFactory) -> None:
    wh = mini(feedback("response: {by: chongqing, action: interpretation}\n")).load()
    assert wh.problems == []  # no S101: the item is kept
    # on the due day nothing is late yet; the day after, it may be
    assert messages(wh, "F905", as_of=dt.date(2024, 4, 1)) == []
    (zh,) = messages(wh, "F905", as_of=dt.date(2024, 4, 2))
    assert zh == (
        "2024-03-02 收到的反馈可能未在 30 天的答复期限（2024-04-01）内答复："
        "取决于 2024-0001 的答复日期（response.date）"
    )
    (en,) = messages(wh, "F905", as_of=dt.date(2024, 4, 2), lang="en")
    assert en.endswith("it depends on the date answered (response.date) of 2024-0001")
    # the figures: answered 0-1, neither in time nor late, and no answer duty owed
    item = wh.feedback[0].model
    figures = feedback_figures([item], dt.date(2024, 4, 2), 30)
    assert (figures.answered, figures.answered_undated) == (0, 1)
    assert (figures.answered_in_time, figures.late, figures.median_days) == (0, 0, None)
    assert feedback_sentence(figures, 0, "zh").startswith(
        "收到 1 条，已答复 0-1 条（其中 1 条答复未记答复日期 response.date，按时与否待定），"
        "按时答复率 0.0%–100.0% (0/1–1/1)"
    )
    # on the due day the answer may not be due yet: no value, or answered in time
    early = feedback_figures([item], dt.date(2024, 4, 1), 30)
    assert (early.answered_undated, early.undated_past_due) == (1, 0)
    assert "按时答复率 无数据或 100.0% (1/1)" in feedback_sentence(early, 0, "zh")
    assert "answered in time no data or 100.0% (1/1)" in feedback_sentence(early, 0, "en")
    assert answer_duty(wh, wh.feedback[0], dt.date(2024, 4, 2)) is None


def test_closing_proves_an_undated_answer_was_given(mini: MiniFactory) -> None:
    tail = "response: {action: interpretation}\nclosed: 2024-04-10\n"
    wh = mini(feedback(tail)).load()
    item = wh.feedback[0].model
    # the day before closing it is still open: perhaps late
    assert len(messages(wh, "F905", as_of=dt.date(2024, 4, 9))) == 1
    assert messages(wh, "F905", as_of=dt.date(2024, 4, 10)) == []
    figures = feedback_figures([item], dt.date(2024, 4, 10), 30)
    assert (figures.answered, figures.answered_undated, figures.closed) == (1, 0, 1)


def test_response_without_action_may_owe_a_revision(mini: MiniFactory) -> None:
    wh = mini(feedback("response: {date: 2024-03-20, by: chongqing}\n")).load()
    assert wh.problems == []
    # a revision would be due 365 days after the answer: 2025-03-20
    assert messages(wh, "F906", as_of=dt.date(2025, 3, 20)) == []
    (zh,) = messages(wh, "F906", as_of=dt.date(2025, 3, 21))
    assert zh == (
        "反馈的答复可能承诺修订 DB50/T 7-2020，至今未列入修订计划，也未发布修订版："
        "取决于 2024-0001 的处理方式（response.action）"
    )
    # an answer of interpretation owes nothing
    settled = mini(feedback("response: {date: 2024-03-20, action: interpretation}\n")).load()
    assert messages(settled, "F906", as_of=dt.date(2025, 3, 21)) == []


def test_revise_answer_without_date_may_be_overdue(mini: MiniFactory) -> None:
    wh = mini(feedback("response: {action: revise}\n")).load()
    # answered after receipt: not due before 2025-03-02 (receipt + 365)
    assert messages(wh, "F906", as_of=dt.date(2025, 3, 2)) == []
    (en,) = messages(wh, "F906", as_of=dt.date(2025, 3, 3), lang="en")
    assert en.endswith("it depends on the date answered (response.date) of 2024-0001")


# -- Regrouping.date / Regrouping.region ------------------------------------------------

DIANJIANG = "data/districts/dianjiang.yaml"


def dianjiang(regrouped: str) -> dict[str, str]:
    text = (
        f"slug: dianjiang\nname: 垫江县\nkind: county\nregion: northeast\nregrouped:\n{regrouped}"
    )
    return {DIANJIANG: text}


def test_regrouping_without_date_is_kept_and_reported(mini: MiniFactory) -> None:
    wh = mini(dianjiang("  - {region: main-urban, subregion: new, source: 国土空间规划}\n")).load()
    assert wh.problems == []  # no S101: the district is kept
    (zh,) = messages(wh, "R312")
    assert zh == (
        "垫江县的分区调整（regrouped 第 1 条）缺少调整生效日期 date，按区域统计时不采用该调整"
    )
    (en,) = messages(wh, "R312", lang="en")
    assert "lacks its date" in en
    model = wh.district_by_slug["dianjiang"].model
    assert model.grouping_at(END) == ("northeast", None)  # the plan's grouping stays


def test_regrouping_without_region_is_not_applied(mini: MiniFactory) -> None:
    entries = "  - {date: 2024-01-01, region: main-urban, subregion: new}\n  - {date: 2025-01-01}\n"
    wh = mini(dianjiang(entries)).load()
    assert wh.problems == []
    (zh,) = messages(wh, "R312")
    assert "regrouped 第 2 条" in zh and "调整后归属 region" in zh
    model = wh.district_by_slug["dianjiang"].model
    # the complete change applies from its day (not the day before); the incomplete one never
    assert model.grouping_at(dt.date(2023, 12, 31)) == ("northeast", None)
    assert model.grouping_at(dt.date(2024, 1, 1)) == ("main-urban", "new")
    assert model.grouping_at(END) == ("main-urban", "new")


def test_open_item_with_an_undated_answer_is_listed_as_answered(mini: MiniFactory) -> None:
    wh = mini(feedback("response: {action: revise}\n")).load()
    summary = feedback_summary(wh, dt.date(2024, 4, 2), wh.feedback)
    (listed,) = summary.open_items
    assert (listed.state, listed.answered, listed.action) == ("answered", None, "revise")
    assert summary.unanswered_late == ()  # only possibly late: F905 says so, at info


# -- Material.title -----------------------------------------------------------------------


def test_material_without_title_is_kept_and_named_by_its_slug(mini: MiniFactory) -> None:
    wh = mini({"data/materials/plan-text.yaml": "slug: plan-text\nkind: policy\n"}).load()
    assert wh.problems == []  # no S101: the material is kept
    (material,) = wh.materials
    assert (material.model.title, material.model.shown_title) == (None, "plan-text")
    # M906 (no path, no url) names it by its slug rather than by an empty title
    assert messages(wh, "M906") == ["资料“plan-text”既没有 path 也没有 url"]


def test_a_district_without_region_is_named_without_a_stray_space(mini: MiniFactory) -> None:
    text = "slug: dianjiang\nname: 垫江县\nkind: county\n"
    wh = mini({DIANJIANG: text}).load()
    (zh,) = messages(wh, "R310")
    assert zh == "垫江县没有 region（一区两群归属），按区域统计时不会计入任何区域"
    (en,) = messages(wh, "R310", lang="en")
    assert en == "垫江县 has no region, so no regional figure counts it"


def test_a_district_file_named_otherwise_says_which_name_in_chinese(mini: MiniFactory) -> None:
    text = "slug: dianjiang\nname: 垫江县\nkind: county\nregion: northeast\n"
    wh = mini({"data/districts/dian-jiang.yaml": text}).load()
    (zh,) = messages(wh, "N201")
    assert zh == "文件名 dian-jiang 与地区标识（slug）不符，应为 dianjiang.yaml"
    (en,) = messages(wh, "N201", lang="en")
    assert en == "file name dian-jiang does not match the district slug; expected dianjiang.yaml"
