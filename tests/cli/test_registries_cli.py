"""`jgsw new expert|material|feedback` and `jgsw record feedback-response|feedback-closed`,
and one feedback item walked through its life with `check --as-of` at every step."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.conftest import CliRunner, MiniFactory, write_tree

from jgsw_std.edit.fmt import format_bytes
from jgsw_std.load.warehouse import load_worktree

STD = "data/standards/vehicles/db50-t-7-2020.yaml"
#: an own local standard in force since 2022: its review is not due before 2027
STANDARD = (
    "code: DB50/T 7-2020\ntitle: 公务用车管理规范\nlevel: local\narea: vehicles\n"
    "items: [vehicles.quota]\nstatus: published\npublished: 2022-01-01\neffective: 2022-02-01\n"
)


def _run(cli: CliRunner, root: Path, *args: str) -> str:
    result = cli(*args, "--root", str(root))
    assert result.exit_code == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def _canonical(root: Path, rel: str) -> None:
    raw = (root / rel).read_bytes()
    assert format_bytes(rel, raw) == raw


def test_new_expert_is_valid_canonical_and_refuses_a_taken_slug(
    mini: MiniFactory, cli: CliRunner
) -> None:
    wh = mini()
    args = ["new", "expert", "--slug", "zhang-wei", "--name", "张伟"]
    args += ["--organization", "重庆市标准化研究院", "--appointed", "2022/5/20"]
    args += ["--field", "vehicles", "--field", "后勤服务", "--email", "zw@example.org"]
    assert "已创建 data/experts/zhang-wei.yaml" in _run(cli, wh.root, *args)
    _canonical(wh.root, "data/experts/zhang-wei.yaml")
    loaded = load_worktree(wh.root)
    assert loaded.problems == []
    expert = loaded.expert_by_slug["zhang-wei"].model
    assert (expert.fields, str(expert.appointed)) == (["vehicles", "logistics"], "2022-05-20")
    again = cli(*args, "--root", str(wh.root))
    assert again.exit_code == 1 and "已在专家库中" in again.stderr
    bad = cli(*[a if a != "zhang-wei" else "Zhang_Wei" for a in args], "--root", str(wh.root))
    assert bad.exit_code == 1 and "小写字母" in bad.stderr


def test_new_material_records_the_files_digest(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({"files/plan.pdf": b"%PDF-1.4 plan"})
    digest = hashlib.sha256(b"%PDF-1.4 plan").hexdigest()
    args = ["new", "material", "--slug", "plan-text", "--title", "规划文本", "--kind", "政策"]
    out = _run(cli, wh.root, *args, "--path", "files\\plan.pdf", "--area", "general")
    assert "data/materials/plan-text.yaml" in out
    text = (wh.root / "data/materials/plan-text.yaml").read_text("utf-8")
    assert f"sha256: {digest}\n" in text and "kind: policy" in text
    _canonical(wh.root, "data/materials/plan-text.yaml")
    for bad, word in (
        (["--path", "../plan.pdf"], "不超出根目录"),
        (["--path", "files/none.pdf"], "不是标准仓中的文件"),
        (["--url", "ftp://example.org/a"], "http"),
        ([], "--path"),
    ):
        result = cli(
            "new", "material", "--slug", "other", "--title", "x", *bad, "--root", str(wh.root)
        )
        assert result.exit_code == 1 and word in result.stderr, (bad, result.stderr)


def test_new_feedback_takes_the_next_free_id_of_its_year(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({STD: STANDARD})
    # an earlier file of 2024 that does not validate still holds its number
    write_tree(wh.root, {"data/feedback/2024/2024-0007.yaml": "id: 2024-0007\n"})
    args = ["new", "feedback", "--standard", "DB50／T 7—2020", "--from", "shapingba"]
    args += ["--text", "条款 5.3 难以执行", "--clause", "5.3"]
    assert "2024-0008" in _run(cli, wh.root, *args, "--received", "2024-03-02")
    assert "2025-0001" in _run(cli, wh.root, *args, "--received", "2025-01-05")
    text = (wh.root / "data/feedback/2024/2024-0008.yaml").read_text("utf-8")
    assert 'clause: "5.3"' in text and "standard: DB50/T 7-2020" in text
    _canonical(wh.root, "data/feedback/2024/2024-0008.yaml")
    unknown = cli(*[a if a != "shapingba" else "shapingb" for a in args], "--received",
                  "2024-03-02", "--root", str(wh.root))  # fmt: skip
    assert unknown.exit_code == 1 and "是不是 shapingba" in unknown.stderr
    nostd = cli("new", "feedback", "--standard", "DB50/T 8-2020", "--from", "shapingba",
                "--received", "2024-03-02", "--text", "x", "--root", str(wh.root))  # fmt: skip
    assert nostd.exit_code == 1 and "DB50/T 8-2020" in nostd.stderr


ITEM = "data/feedback/2024/2024-0001.yaml"
COMMENTED = (
    "# 沙坪坝区来函\r\nid: 2024-0001  # 第一条\r\nstandard: DB50/T 7-2020\r\nfrom: shapingba\r\n"
    "received: 2024-03-02\r\ntext: 条款难以执行。\r\n# 来源：来函\r\nsource: 来函\r\n"
)


def test_record_response_and_closed_keep_comments_and_line_endings(
    mini: MiniFactory, cli: CliRunner
) -> None:
    wh = mini({STD: STANDARD, ITEM: COMMENTED.encode("utf-8")})
    early = cli("record", "feedback-response", "2024-0001", "--date", "2024-03-01", "--by",
                "chongqing", "--action", "解释", "--root", str(wh.root))  # fmt: skip
    assert early.exit_code == 1 and "早于收到日期" in early.stderr
    closed = cli("record", "feedback-closed", "2024-0001", "--date", "2024-04-01", "--root",
                 str(wh.root))  # fmt: skip
    assert closed.exit_code == 1 and "尚无答复" in closed.stderr
    out = _run(cli, wh.root, "record", "feedback-response", "2024-0001", "--date", "2024-03-20",
               "--by", "chongqing", "--action", "解释", "--text", "见解读")  # fmt: skip
    assert (
        "+response: {date: 2024-03-20, by: chongqing, action: interpretation, text: 见解读}" in out
    )
    before = cli("record", "feedback-closed", "2024-0001", "--date", "2024-03-19", "--root",
                 str(wh.root))  # fmt: skip
    assert before.exit_code == 1 and "早于答复日期" in before.stderr
    _run(cli, wh.root, "record", "feedback-closed", "2024-0001", "--date", "2024-04-01")
    assert (wh.root / ITEM).read_bytes().decode("utf-8") == COMMENTED.replace(
        "# 来源：来函\r\n",
        "response: {date: 2024-03-20, by: chongqing, action: interpretation, text: 见解读}\r\n"
        "closed: 2024-04-01\r\n# 来源：来函\r\n",
    )
    twice = cli("record", "feedback-closed", "2024-0001", "--date", "2024-04-02", "--root",
                str(wh.root))  # fmt: skip
    assert twice.exit_code == 1 and "已于 2024-04-01 闭环" in twice.stderr
    none = cli("record", "feedback-closed", "2024-0009", "--date", "2024-04-02", "--root",
               str(wh.root))  # fmt: skip
    assert none.exit_code == 1 and "没有编号为 2024-0009 的反馈" in none.stderr


def _feedback_codes(cli: CliRunner, root: Path, day: str) -> list[str]:
    result = cli("check", "--as-of", day, "--select", "F", "-f", "json", "--root", str(root))
    import json

    return [p["code"] for p in json.loads(result.stdout)["problems"]]


def test_one_feedback_item_through_its_life(mini: MiniFactory, cli: CliRunner) -> None:
    """received -> unanswered warning -> response (revise) -> revision due -> revision
    planned -> closed, with the duty appearing and going on the right days."""
    wh = mini({STD: STANDARD})
    root = wh.root
    _run(cli, root, "new", "feedback", "--standard", "DB50/T 7-2020", "--from", "shapingba",
         "--received", "2024-03-02", "--text", "条款难以执行")  # fmt: skip
    assert _feedback_codes(cli, root, "2024-03-01") == []  # not yet received
    assert _feedback_codes(cli, root, "2024-04-01") == []  # the 30th day: still in time
    assert _feedback_codes(cli, root, "2024-04-02") == ["F905"]  # the 31st: late

    _run(cli, root, "record", "feedback-response", "2024-0001", "--date", "2024-04-10",
         "--by", "chongqing", "--action", "revise", "--text", "纳入修订")  # fmt: skip
    assert _feedback_codes(cli, root, "2024-04-09") == ["F905"]  # the answer is not given yet
    assert _feedback_codes(cli, root, "2024-04-10") == []
    assert _feedback_codes(cli, root, "2025-04-10") == []  # 365 days after the answer
    assert _feedback_codes(cli, root, "2025-04-11") == ["F906"]  # no revision planned

    write_tree(  # the revision project is planned (as `jgsw new standard` and an edit would)
        root,
        {
            "data/standards/vehicles/db50-t-7-2026.yaml": (
                "code: DB50/T 7-2026\ntitle: 公务用车管理规范（修订）\nlevel: local\n"
                "area: vehicles\nitems: [vehicles.quota]\nstatus: planned\n"
                "plan: {year: 2026, kind: revision}\nsupersedes: [DB50/T 7-2020]\n"
            )
        },
    )
    assert _feedback_codes(cli, root, "2025-04-11") == []
    _run(cli, root, "record", "feedback-closed", "2024-0001", "--date", "2025-05-01")
    # the record still says what was true then: late on 2024-04-02, answered since
    assert _feedback_codes(cli, root, "2024-04-02") == ["F905"]
    for day in ("2025-04-11", "2025-05-01", "2026-01-01"):
        assert _feedback_codes(cli, root, day) == [], day  # answered, revision planned, closed
    assert load_worktree(root).feedback_by_id["2024-0001"].model.closed is not None


def test_record_review_names_experts_of_the_pool(mini: MiniFactory, cli: CliRunner) -> None:
    expert = (
        "slug: zhang-wei\nname: 张伟\norganization: 重庆市标准化研究院\nappointed: 2022-05-20\n"
    )
    wh = mini({STD: STANDARD, "data/experts/zhang-wei.yaml": expert})
    unknown = cli("record", "review", "DB50/T 7-2020", "--date", "2024-05-01", "--conclusion",
                  "continue", "--expert", "zhang-we", "--root", str(wh.root))  # fmt: skip
    assert unknown.exit_code == 1 and "是不是 zhang-wei" in unknown.stderr
    out = _run(cli, wh.root, "record", "review", "DB50/T 7-2020", "--date", "2024-05-01",
               "--conclusion", "continue", "--expert", "zhang-wei")  # fmt: skip
    assert "+  - {date: 2024-05-01, conclusion: continue, experts: [zhang-wei]}" in out
    assert load_worktree(wh.root).standards[0].model.reviews[0].experts == ["zhang-wei"]
