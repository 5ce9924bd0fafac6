"""The registries as first-class warehouse files: experts, materials, feedback."""

from __future__ import annotations

from tests.conftest import MiniFactory

from jgsw_std.edit.canonical import canonical_text
from jgsw_std.load.warehouse import kind_of

EXPERT = """\
slug: zhang-wei
name: 张伟
organization: 重庆市标准化研究院
fields: [vehicles, energy]
appointed: 2022-05-20
term_ends: 2025-05-19
contact: {phone: "13800138000", email: zhang@example.org}
"""

MATERIAL = """\
slug: plan-text
title: 规划文本
kind: policy
date: 2021-06-01
areas: [general]
path: files/plan.pdf
sha256: 3f5a000000000000000000000000000000000000000000000000000000000000
"""

FEEDBACK = """\
id: 2024-0012
standard: DB50／T 1056—2020
from: shapingba
received: 2024-03-02
kind: problem
clause: "5.3"
text: 条款 5.3 的频次要求难以执行。
response: {date: 2024-03-20, by: chongqing, action: interpretation, text: 见解读。}
closed: 2024-04-01
"""


def test_kinds_follow_the_layout() -> None:
    assert kind_of("data/experts/zhang-wei.yaml") == "expert"
    assert kind_of("data/materials/plan-text.yaml") == "material"
    assert kind_of("data/feedback/2024/2024-0012.yaml") == "feedback"
    assert kind_of("data/feedback/2024-0012.yaml") == "unknown"  # the year folder is required
    assert kind_of("data/experts/old/zhang-wei.yaml") == "unknown"


def test_registries_load_as_records_with_lookups(mini: MiniFactory) -> None:
    wh = mini(
        {
            "data/experts/zhang-wei.yaml": EXPERT,
            "data/materials/plan-text.yaml": MATERIAL,
            "data/feedback/2024/2024-0012.yaml": FEEDBACK,
        }
    ).load()
    assert wh.problems == []
    assert wh.expert_by_slug["zhang-wei"].model.fields == ["vehicles", "energy"]
    assert wh.material_by_slug["plan-text"].model.kind == "policy"
    item = wh.feedback_by_id["2024-0012"]
    assert item.model.from_ == "shapingba"
    assert item.code == "DB50/T 1056-2020"  # normalized like every code
    assert wh.feedback_by_code == {"DB50/T 1056-2020": [item]}
    assert wh.keeps("expert") and wh.keeps("feedback") and wh.keeps("material")


def test_a_warehouse_without_registries_has_empty_ones(mini: MiniFactory) -> None:
    wh = mini().load()
    assert (wh.experts, wh.materials, wh.feedback) == ([], [], [])
    assert not wh.keeps("expert")


def test_feedback_takes_from_only_by_its_contract_name(mini: MiniFactory) -> None:
    wh = mini({"data/feedback/2024/2024-0012.yaml": FEEDBACK.replace("from:", "from_:")}).load()
    found = {(p.code, p.args.get("field")) for p in wh.place(wh.problems)}
    assert found == {("S101", "from"), ("S102", "from_")}


def test_a_bad_contact_value_is_never_quoted(mini: MiniFactory) -> None:
    text = EXPERT.replace(
        'contact: {phone: "13800138000", email: zhang@example.org}',
        "contact: {phone: 13800138000, email: [zhang@example.org]}",
    )
    wh = mini({"data/experts/zhang-wei.yaml": text}).load()
    problems = wh.place(wh.problems)
    assert {(p.code, p.line) for p in problems} == {("S103", 7)}
    shown = " ".join(p.message(lang) + p.hint(lang) for p in problems for lang in ("zh", "en"))
    assert "13800138000" not in shown and "zhang@example.org" not in shown
    assert "已隐去" in shown


def test_canonical_order_puts_from_where_the_contract_has_it() -> None:
    shuffled = (
        "text: x\nreceived: 2024-03-02\nfrom: shapingba\nid: 2024-0012\nstandard: GB/T 1-2020\n"
    )
    out = canonical_text(shuffled, "data/feedback/2024/2024-0012.yaml")
    keys = [line.split(":", 1)[0] for line in out.splitlines() if not line.startswith("#")]
    assert keys == ["id", "standard", "from", "received", "text"]
    assert out.startswith("# yaml-language-server: $schema=../../../schemas/feedback.schema.json")


def test_empty_expert_lists_on_reviews_mean_none(mini: MiniFactory) -> None:
    text = (
        "code: DB50/T 7-2020\ntitle: 测试\nstatus: published\npublished: 2020-01-01\n"
        "effective: 2020-02-01\nreviews:\n  - date: 2024-01-01\n    conclusion: continue\n"
        "    experts:\n"
    )
    wh = mini({"data/standards/vehicles/db50-t-7-2020.yaml": text}).load()
    assert wh.problems == []
    assert not wh.standards[0].model.reviews[0].experts


def test_an_older_warehouse_gets_no_registry_findings(mini: MiniFactory) -> None:
    """No experts/, materials/ or feedback/: nothing is asked of them, whatever the date."""
    import datetime as dt

    from tests.conftest import REPO

    from jgsw_std.app.check import check_warehouse
    from jgsw_std.load.warehouse import load_worktree

    for wh in (load_worktree(REPO), mini().load()):
        assert not (wh.experts or wh.materials or wh.feedback)
        for day in (dt.date(2021, 6, 30), dt.date(2025, 12, 31), dt.date(2030, 1, 1)):
            found = check_warehouse(wh, day, select=["E", "M", "F", "N206"]).problems
            assert found == [], (wh.root, day, found[:3])


def test_a_phone_and_a_clause_written_as_bare_numbers_load_as_text(mini: MiniFactory) -> None:
    # DOMAIN.md writes `contact: {phone: ..., email: ...}` and `clause: "5.3"`; a phone
    # number or a whole clause number typed without quotes is a YAML integer, and the
    # contract still means the text: it must not drop the expert or the item (S103).
    wh = mini(
        {
            "data/experts/zhang-wei.yaml": EXPERT.replace('"13800138000"', "13800138000"),
            "data/feedback/2024/2024-0012.yaml": FEEDBACK.replace('"5.3"', "5"),
        }
    ).load()
    assert wh.problems == []
    contact = wh.expert_by_slug["zhang-wei"].model.contact
    assert contact is not None and contact.phone == "13800138000"
    assert wh.feedback_by_id["2024-0012"].model.clause == "5"


def test_a_boolean_phone_is_still_refused(mini: MiniFactory) -> None:
    wh = mini({"data/experts/zhang-wei.yaml": EXPERT.replace('"13800138000"', "true")}).load()
    assert {p.code for p in wh.place(wh.problems)} == {"S103"}
