"""An expert's contact is personal data: no command prints it unless asked.

A phone number and an email are planted in an expert's contact (and changed in
a later commit, and written wrongly in a second expert's file so that `check`
has something to say about the contact itself); every output format of every
command that reads the warehouse is searched for them, the registries' own
sections included (status, due, the report's 专家库 and 信息反馈, trend, diff),
and the published ones (`find`, every file `jgsw site` writes),
each checked to have shown the expert. Only `export --include-private` may show
them, and does.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.conftest import CliRunner
from tests.history.conftest import GitWarehouse, standard

PHONE, EMAIL = "13812345678", "zhang.secret@example.org"
PHONE2, EMAIL2 = "13987654321", "new.secret@example.org"
BAD_PHONE = "13700001111"
SECRETS = (PHONE, EMAIL, PHONE2, EMAIL2, BAD_PHONE, "zhang.secret", "new.secret")

EXPERT = """\
slug: zhang-wei
name: 张伟
organization: 重庆市标准化研究院
fields: [vehicles]
appointed: 2021-05-20
term_ends: 2026-01-31
contact: {{phone: "{phone}", email: {email}}}
"""
BROKEN = """\
slug: li-na
name: 李娜
organization: 重庆市节能中心
appointed: 2021-05-20
contact: {phone: 13700001111, email: [li.na@example.org]}
"""
FEEDBACK = """\
id: 2025-0001
standard: DB50/T 1-2015
from: shapingba
received: 2025-01-02
text: 条款难以执行。
"""
STD = "data/standards/vehicles/db50-t-1-2015.yaml"


def _unzip_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return "\n".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())


def _outputs(cli: CliRunner, root: Path, tmp: Path) -> dict[str, str]:
    """What every reading command prints or writes, by a name for the failure message."""
    day = ["--as-of", "2025-12-31"]
    runs: dict[str, list[str]] = {}
    for fmt in ("text", "json", "github", "gitlab", "sarif"):
        runs[f"check {fmt}"] = ["check", *day, "-f", fmt]
    for fmt in ("text", "json"):
        runs[f"status {fmt}"] = ["status", *day, "-f", fmt]
    for fmt in ("text", "json", "csv"):
        runs[f"due {fmt}"] = ["due", *day, "-f", fmt]
    for fmt in ("md", "json"):
        runs[f"report {fmt}"] = ["report", *day, "-f", fmt, "-o", "-"]
    for fmt in ("csv", "json"):
        for table in ("experts", "all"):
            runs[f"export {fmt} {table}"] = ["export", *day, "-f", fmt, "-t", table]
    for fmt in ("text", "json", "md"):
        runs[f"history {fmt}"] = ["history", "data/experts/zhang-wei.yaml", "-f", fmt]
        runs[f"history li-na {fmt}"] = ["history", "li-na", "-f", fmt]
        runs[f"diff {fmt}"] = ["diff", "HEAD~2", "HEAD", *day, "-f", fmt]
        runs[f"diff worktree {fmt}"] = ["diff", "HEAD~1", *day, "-f", fmt]
    for fmt in ("text", "json", "csv"):
        runs[f"trend {fmt}"] = ["trend", "-f", fmt]
    out: dict[str, str] = {}
    for name, args in runs.items():
        result = cli(*args, "--root", str(root))
        assert "Traceback" not in result.stderr, (name, result.stderr)
        out[name] = result.stdout + result.stderr
    html = tmp / "report.html"
    result = cli("report", *day, "-o", str(html), "--root", str(root))
    assert html.exists(), (result.exit_code, result.stdout, result.stderr)
    out["report html"] = result.stdout + result.stderr + html.read_text("utf-8")
    for lang in ("zh", "en"):
        book = tmp / f"export-{lang}.xlsx"
        result = cli("export", *day, "-o", str(book), "--lang", lang, "--root", str(root))
        out[f"export xlsx {lang}"] = result.stdout + result.stderr + _unzip_text(book.read_bytes())
        back = cli("import", str(book), "--root", str(root))
        out[f"import {lang}"] = back.stdout + back.stderr
    for fmt in ("text", "json"):
        for query in ("张伟", "zhang", "DB50/T 1"):
            result = cli("find", query, *day, "-f", fmt, "--root", str(root))
            out[f"find {query} {fmt}"] = result.stdout + result.stderr
    site = tmp / "site"
    result = cli("site", str(site), *day, "--no-search", "--root", str(root))
    assert result.exit_code == 0, (result.stdout, result.stderr)
    out["site"] = result.stdout + result.stderr + _folder_text(site)
    return out


def _folder_text(folder: Path) -> str:
    """Every file of a built site as text (xlsx downloads unzipped)."""
    texts = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        texts.append(
            _unzip_text(data) if path.suffix == ".xlsx" else data.decode("utf-8", "replace")
        )
    return "\n".join(texts)


def test_no_output_shows_a_contact_unless_asked_for(
    git_wh: Callable[..., GitWarehouse], cli: CliRunner, tmp_path: Path
) -> None:
    repo = git_wh(files={STD: standard("DB50/T 1-2015")})
    # the expert reviews the standard, so every page and section that names
    # reviewers (the site's experts section, the timeline) has the expert to show
    reviewed = standard(
        "DB50/T 1-2015",
        reviews=["{date: 2021-06-01, conclusion: continue, experts: [zhang-wei]}"],
    )
    repo.commit(
        "专家入库",
        {
            "data/experts/zhang-wei.yaml": EXPERT.format(phone=PHONE, email=EMAIL),
            "data/feedback/2025/2025-0001.yaml": FEEDBACK,
            STD: reviewed,
        },
    )
    repo.commit(
        "更新联系方式",
        {
            "data/experts/zhang-wei.yaml": EXPERT.format(phone=PHONE2, email=EMAIL2),
            "data/experts/li-na.yaml": BROKEN,
        },
    )
    # an uncommitted change too: `diff HEAD~1` compares with the working tree
    repo.write({"data/experts/zhang-wei.yaml": EXPERT.format(phone=PHONE, email=EMAIL2)})
    outputs = _outputs(cli, repo.root, tmp_path)
    # the commands did run and did look at the experts
    assert "S103" in outputs["check text"] and "data/experts/li-na.yaml" in outputs["check text"]
    assert "contact" in outputs["history text"] and "contact" in outputs["diff text"]
    assert "zhang-wei" in outputs["export csv experts"]
    # the registries' sections ran and showed the expert (by name, never by contact)
    assert "张伟" in outputs["status json"] and "在库专家" in outputs["status text"]
    assert "专家聘期届满" in outputs["due text"] and "张伟（zhang-wei）" in outputs["due text"]
    assert "zhang-wei" in outputs["due json"] and "zhang-wei" in outputs["due csv"]
    for name in ("report md", "report html"):
        assert "专家库" in outputs[name] and "张伟" in outputs[name], name
        assert "信息反馈" in outputs[name], name
    assert "张伟" in outputs["report json"]
    assert "DB50/T 1-2015" in outputs["find DB50/T 1 text"]
    assert "DB50/T 1-2015" in outputs["site"] and "张伟" in outputs["site"]
    page = (tmp_path / "site" / "standards").glob("*.html")
    assert any("张伟" in p.read_text("utf-8") for p in page)  # the reviewer, by name
    assert "在库专家" in outputs["trend text"] and "experts.in_pool" in outputs["trend csv"]
    assert "标准仓自有数据" in outputs["diff text"] and "experts.in_pool" in outputs["diff json"]
    for name, text in outputs.items():
        for secret in SECRETS:
            assert secret not in text, f"{secret} printed by {name}"
    asked = cli(
        "export", "-f", "csv", "-t", "experts", "--include-private", "--root", str(repo.root)
    )
    assert PHONE in asked.stdout and EMAIL2 in asked.stdout
