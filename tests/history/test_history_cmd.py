"""`jgsw history`: who changed which field of a record, following moves, newest first."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

from tests.conftest import CliRunner
from tests.history.conftest import BOB, ZONE, GitWarehouse, standard

OLD = "data/standards/general/db50-t-1056-2020.yaml"
NEW = "data/standards/logistics/db50-t-1056-2020.yaml"
CODE = "DB50/T 1056-2020"


def _lifecycle(repo: GitWarehouse) -> None:
    """Planned, drafting, published, moved to its area with a fix, then reviewed."""
    planned = dict(
        status="planned",
        published="null",
        effective="null",
        area="general",
        items="[]",
        category="general",
    )
    repo.commit("立项：物业服务规范", {OLD: standard(CODE, **planned)})
    repo.commit("进入起草", {OLD: standard(CODE, **{**planned, "status": "drafting"})}, author=BOB)
    published = dict(
        area="general",
        items="[]",
        category="general",
        published="2020-11-01",
        effective="2021-02-01",
    )
    repo.commit("发布", {OLD: standard(CODE, **published)})
    moved = dict(
        area="logistics",
        items="[logistics.property]",
        published="2020-11-01",
        effective="2021-02-01",
    )
    repo.move(OLD, NEW, "调整归属：物业服务属于后勤服务", {NEW: standard(CODE, **moved)})
    repo.commit(
        "复审：继续有效",
        {NEW: standard(CODE, **moved, reviews=["{date: 2025-10-20, conclusion: continue}"])},
        when=dt.datetime(2025, 10, 21, 10, 12, tzinfo=ZONE),
        author=BOB,
    )


def test_history_by_code_follows_the_move_field_by_field(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    _lifecycle(repo)
    result = cli("history", CODE, "--root", str(repo.root))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    # newest first, each with author, date and message
    order = [out.index(m) for m in ("复审：继续有效", "调整归属", "发布", "进入起草", "立项")]
    assert order == sorted(order)
    assert "2025-10-21 10:12 +0800  李强 <liqiang@example.com>  [修改]" in out
    assert "reviews: +1 {date: 2025-10-20, conclusion: continue}" in out
    assert f"{OLD} → {NEW}" in out and "area: general → logistics" in out
    assert "items: +1 logistics.property" in out
    assert "status: drafting → published" in out
    assert "status: planned → drafting" in out
    assert "published: （无） → 2020-11-01" in out
    assert "5 次提交" in out
    # not a line diff
    assert "@@" not in out and "\n+" not in out


def test_slug_and_path_find_the_same_record(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    _lifecycle(repo)
    by_code = json.loads(cli("history", CODE, "--root", str(repo.root), "-f", "json").stdout)
    by_slug = json.loads(
        cli("history", "db50-t-1056-2020", "--root", str(repo.root), "-f", "json").stdout
    )
    by_path = json.loads(cli("history", NEW, "--root", str(repo.root), "-f", "json").stdout)
    by_old_path = cli("history", "./" + OLD, "--root", str(repo.root), "-f", "json")
    assert by_code["entries"] == by_slug["entries"] == by_path["entries"]
    assert json.loads(by_old_path.stdout)["path"] == OLD  # the old path has its own story
    entries = by_code["entries"]
    assert [e["change"] for e in entries] == [
        "modified",
        "renamed",
        "modified",
        "modified",
        "added",
    ]
    assert entries[1]["old_path"] == OLD and entries[1]["path"] == NEW
    review = entries[0]
    assert review["author"] == "李强" and review["date"] == "2025-10-21T10:12:00+08:00"
    assert review["fields"] == [
        {
            "field": "reviews",
            "op": "added",
            "before": None,
            "after": [{"date": "2025-10-20", "conclusion": "continue"}],
            "text": "reviews: +1 {date: 2025-10-20, conclusion: continue}",
        }
    ]
    assert by_code["label"] == f"{CODE} {CODE} 测试标准"


def test_markdown_table_and_english(git_wh: Callable[..., GitWarehouse], cli: CliRunner) -> None:
    repo = git_wh()
    _lifecycle(repo)
    md = cli("history", CODE, "--root", str(repo.root), "-f", "md", "--lang", "en").stdout
    assert md.startswith(f"### History: {CODE}")
    assert "| commit | date | author | message | change |" in md
    assert "moved<br>`data/standards/general/db50-t-1056-2020.yaml → " in md
    assert "`published: (none) → 2020-11-01`" in md


def test_delete_and_re_add_is_one_story(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    repo.commit("新增", {NEW: standard(CODE, area="logistics", items="[logistics.property]")})
    repo.commit("误删", remove=(NEW,))
    repo.commit(
        "恢复并补充英文名",
        {NEW: standard(CODE, area="logistics", items="[logistics.property]", title_en="Property")},
    )
    data = json.loads(cli("history", CODE, "--root", str(repo.root), "-f", "json").stdout)
    assert [e["change"] for e in data["entries"]] == ["re-added", "deleted", "added"]
    # the re-added version is compared with the one before the deletion
    assert [f["text"] for f in data["entries"][0]["fields"]] == ["title_en: （无） → Property"]


def test_a_merged_branch_shows_the_commit_that_made_the_change(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    repo.commit("新增", {NEW: standard(CODE, area="logistics", items="[logistics.property]")})
    repo.git("checkout", "-q", "-b", "review")
    reviewed = standard(
        CODE,
        area="logistics",
        items="[logistics.property]",
        reviews=["{date: 2022-05-01, conclusion: continue}"],
    )
    repo.commit("复审（分支）", {NEW: reviewed}, author=BOB)
    repo.git("checkout", "-q", "main")
    repo.commit(
        "无关修改",
        {
            "data/districts/wanzhou.yaml": "slug: wanzhou\nname: 万州区\nkind: district\n"
            "region: northeast\nframework_built: 2021-06-01\n"
        },
    )
    repo.clock += dt.timedelta(days=1)
    repo.git("merge", "-q", "--no-ff", "-m", "合并复审", "review", when=repo.clock)
    data = json.loads(cli("history", CODE, "--root", str(repo.root), "-f", "json").stdout)
    assert [e["message"] for e in data["entries"]] == ["复审（分支）", "新增"]
    assert data["entries"][0]["author"] == "李强"


def test_district_history_and_unknown_record(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    district = "data/districts/shapingba.yaml"
    text = repo.root.joinpath(*district.split("/")).read_text(encoding="utf-8")
    repo.commit(
        "培训",
        {
            district: text + "activities:\n  - {date: 2022-06-10, kind: training, "
            "title: 标准化培训, attendees: 120}\n"
        },
    )
    out = cli("history", "shapingba", "--root", str(repo.root)).stdout
    assert (
        "activities: +1 {date: 2022-06-10, kind: training, title: 标准化培训, attendees: 120}"
        in out
    )
    missing = cli("history", "DB50/T 9999-2020", "--root", str(repo.root))
    assert missing.exit_code == 1
    assert "在 git 历史中没有找到记录 DB50/T 9999-2020" in missing.stderr
    bad = cli("history", "shapingba", "--root", str(repo.root), "-f", "xml")
    assert bad.exit_code == 1 and "不支持的输出格式 xml" in bad.stderr


def test_shallow_clone_is_told_how_to_deepen(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner, tmp_path: Path
) -> None:
    repo = git_wh()
    _lifecycle(repo)
    clone = repo.shallow_clone(tmp_path / "ci")
    result = cli("history", CODE, "--root", str(clone))
    assert result.exit_code == 1
    assert "浅克隆" in result.stderr and "git fetch --unshallow" in result.stderr
    assert "Traceback" not in result.stderr
    # commands that need no history still work in the same clone
    assert cli("check", "--root", str(clone)).exit_code == 0
    assert cli("check", "--root", str(clone), "--rev", "HEAD").exit_code == 0


def test_empty_repository(git_wh: Callable[..., GitWarehouse], cli: CliRunner) -> None:
    repo = git_wh(commit=False)
    result = cli("history", "shapingba", "--root", str(repo.root))
    assert result.exit_code == 1 and "还没有任何提交" in result.stderr


def test_demo_history_has_moves_that_history_follows(demo_history: Path, cli: CliRunner) -> None:
    import subprocess

    raw = subprocess.run(
        ["git", "log", "-M", "--diff-filter=R", "--name-status", "--format="],
        cwd=demo_history,
        capture_output=True,
        check=True,
    ).stdout.decode()
    moves = [line.split("\t") for line in raw.splitlines() if line.startswith("R")]
    assert moves, "the demo history moves some standards between area folders"
    _, old, new = moves[0]
    data = json.loads(cli("history", new, "--root", str(demo_history), "-f", "json").stdout)
    renamed = [e for e in data["entries"] if e["change"] == "renamed"]
    assert renamed and renamed[0]["old_path"] == old
    assert data["entries"][-1]["change"] == "added"


def test_a_code_split_by_the_shell_is_joined_again(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner
) -> None:
    repo = git_wh()
    _lifecycle(repo)
    quoted = cli("history", CODE, "--root", str(repo.root), "-f", "json")
    split = cli("history", *CODE.split(" "), "--root", str(repo.root), "-f", "json")
    assert split.exit_code == 0, split.stderr
    assert split.stdout == quoted.stdout
    assert json.loads(split.stdout)["target"] == CODE
    # options may come first, as the shell gives them
    english = cli("history", "--lang", "en", "--root", str(repo.root), "DB50/T", "1056-2020")
    assert english.exit_code == 0 and "5 commits" in english.stdout, english.stderr
    assert cli("history", "--root", str(repo.root)).exit_code == 2  # still required


def test_docs_quote_every_code_with_a_space() -> None:
    docs = Path(__file__).parents[2] / "docs" / "history.md"
    commands = [ln for ln in docs.read_text(encoding="utf-8").splitlines() if "jgsw " in ln]
    assert any('"DB50/T 1056-2020"' in ln for ln in commands)
    unquoted = re.compile(r'(?<!")\b[A-Z]{2,}\d*(?:/[A-Z])? \d+(?:\.\d+)?-\d{4}')
    assert [ln for ln in commands if ln.startswith("jgsw") and unquoted.search(ln)] == []
