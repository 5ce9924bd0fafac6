"""The whole command-line surface, run on one demo warehouse and compared with a snapshot.

Every command and format a person or a CI job uses runs here with pinned dates
on a small synthetic warehouse with git history; what it prints (and the files
it writes) must match ``tests/snapshots/surface/`` byte for byte, after the
machine-specific parts (the temporary root, the time of day) are masked.

A change that moves code without meaning to change behaviour must leave every
snapshot as it is. A change that means to change what people see updates the
snapshots on purpose, and the diff of ``tests/snapshots/`` is then reviewed
like code: ``JGSW_UPDATE_SNAPSHOTS=1 python -m pytest tests/cli/test_surface_snapshot.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import CliResult

SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots" / "surface"
UPDATE = bool(os.environ.get("JGSW_UPDATE_SNAPSHOTS"))

#: A published own standard of the seed-5 demo, used by history and record cases.
CODE = "DB50/T 1104-2015"
DISTRICT = "banan"

#: name -> (arguments, files the command writes, relative to the warehouse root).
#: Arguments name the warehouse as {root}; {out} is a scratch folder.
CASES: dict[str, tuple[list[str], list[str]]] = {
    # judge
    "check_text": (["check", "--as-of", "2025-12-31"], []),
    "check_text_en": (["check", "--as-of", "2025-12-31", "--lang", "en"], []),
    "check_json": (["check", "--as-of", "2025-12-31", "-f", "json"], []),
    "check_github": (["check", "--as-of", "2025-12-31", "-f", "github"], []),
    "check_gitlab": (["check", "--as-of", "2025-12-31", "-f", "gitlab"], []),
    "check_sarif": (["check", "--as-of", "2025-12-31", "-f", "sarif"], []),
    "check_strict": (["check", "--as-of", "2025-12-31", "--strict", "--select", "L6"], []),
    "check_ignore": (["check", "--as-of", "2023-06-30", "--ignore", "L,U"], []),
    "check_rev": (["check", "--as-of", "2023-12-31", "--rev", "HEAD~12"], []),
    "check_changed_since": (["check", "--as-of", "2025-12-31", "--changed-since", "HEAD~3"], []),
    "check_output": (["check", "--as-of", "2025-12-31", "-f", "json", "-o", "{out}/c.json"], []),
    "check_bad_format": (["check", "-f", "xml"], []),
    "check_bad_select": (["check", "--select", "ZZ9"], []),
    "explain_list": (["explain"], []),
    "explain_code": (["explain", "L601"], []),
    "explain_code_en": (["explain", "Y001", "--lang", "en"], []),
    "explain_unknown": (["explain", "X999"], []),
    "status_text": (["status", "--as-of", "2025-12-31"], []),
    "status_text_en": (["status", "--as-of", "2025-12-31", "--lang", "en"], []),
    "status_json": (["status", "--as-of", "2025-12-31", "-f", "json"], []),
    "status_explain": (["status", "--as-of", "2025-12-31", "--explain"], []),
    "status_midterm": (["status", "--as-of", "2023-12-31"], []),
    "status_region": (["status", "--as-of", "2025-12-31", "--scope", "region:main-urban"], []),
    "status_district": (
        ["status", "--as-of", "2025-12-31", "--scope", f"district:{DISTRICT}", "-f", "json"],
        [],
    ),
    "status_indicator": (["status", "--as-of", "2025-12-31", "-i", "17", "--explain"], []),
    "status_rev": (["status", "--as-of", "2023-12-31", "--rev", "HEAD~12", "-f", "json"], []),
    "status_bad_scope": (["status", "--scope", "planet:mars"], []),
    "due_text": (["due", "--as-of", "2025-10-01"], []),
    "due_text_en": (["due", "--as-of", "2025-10-01", "--lang", "en", "--days", "30"], []),
    "due_json": (["due", "--as-of", "2025-10-01", "-f", "json"], []),
    "due_csv": (["due", "--as-of", "2025-10-01", "-f", "csv", "--no-overdue"], []),
    "due_owner": (["due", "--as-of", "2025-10-01", "--owner", DISTRICT], []),
    # feedback answers and revisions, an expert's term, a review with feedback open
    "due_registries": (["due", "--as-of", "2026-06-30", "--days", "90"], []),
    "find_text": (["find", "规范", "--as-of", "2025-12-31", "-n", "5"], []),
    "find_json": (["find", "DB50T1104", "--as-of", "2025-12-31", "-f", "json"], []),
    "find_no_match": (["find", "DB50T9999", "--as-of", "2025-12-31"], []),
    # reports
    "report_md": (["report", "--as-of", "2025-12-31", "-f", "md", "-o", "-"], []),
    "report_md_en": (
        ["report", "--as-of", "2023-12-31", "-f", "md", "-o", "-", "--lang", "en"],
        [],
    ),
    "report_html": (["report", "--as-of", "2025-12-31", "-o", "{out}/r.html"], ["{out}/r.html"]),
    "report_md_scope": (
        ["report", "--as-of", "2025-12-31", "-f", "md", "-o", "-", "--scope", "region:northeast"],
        [],
    ),
    "site_no_search": (["site", "{out}/site", "--as-of", "2025-12-31", "--no-search"], []),
    # git as the audit trail
    "history_text": (["history", CODE], []),
    "history_json": (["history", CODE, "-f", "json"], []),
    "history_md": (["history", f"data/districts/{DISTRICT}.yaml", "-f", "md"], []),
    "history_unknown": (["history", "DB50/T 9999-2099"], []),
    "diff_text": (["diff", "HEAD~10", "HEAD", "--as-of", "2025-12-31"], []),
    "diff_json": (["diff", "HEAD~10", "HEAD", "--as-of", "2025-12-31", "-f", "json"], []),
    "diff_md": (["diff", "HEAD~10", "HEAD", "--as-of", "2025-12-31", "-f", "md"], []),
    "trend_year": (["trend", "--until", "2026-06-30"], []),
    "trend_quarter_json": (
        [
            "trend",
            "--every",
            "quarter",
            "--since",
            "2023-01-01",
            "--until",
            "2025-12-31",
            "-f",
            "json",
        ],
        [],
    ),
    "trend_csv_en": (["trend", "-f", "csv", "--lang", "en", "--until", "2026-06-30"], []),
    # editing
    "export_csv": (["export", "-f", "csv", "--as-of", "2025-12-31"], []),
    "export_json_indicators": (
        ["export", "-f", "json", "-t", "indicators", "--as-of", "2025-12-31"],
        [],
    ),
    "export_xlsx_import": (["export", "-o", "{out}/t.xlsx", "--as-of", "2025-12-31"], []),
    "schema_check": (["schema", "--check"], []),
    "schema_write": (["schema", "-o", "{out}/schemas"], ["{out}/schemas/standard.schema.json"]),
    "fmt_check": (["fmt", "--check"], []),
    "new_standard": (
        [
            "new",
            "standard",
            "--code",
            "DB50/T 1999-2026",
            "--title",
            "公务用车处置服务规范",
            "--area",
            "vehicles",
            "--item",
            "vehicles.disposal",
            "--owner",
            "chongqing",
        ],
        ["data/standards/vehicles/db50-t-1999-2026.yaml"],
    ),
    "new_district": (
        ["new", "district", "--slug", "testxian", "--name", "测试县", "--region", "northeast"],
        ["data/districts/testxian.yaml"],
    ),
    "record_review": (
        ["record", "review", CODE, "--date", "2025-11-02", "--conclusion", "continue"],
        ["data/standards/energy/db50-t-1104-2015.yaml"],
    ),
    "record_evaluation": (
        ["record", "evaluation", CODE, "--date", "2025-11-03", "--score", "88.5"],
        ["data/standards/energy/db50-t-1104-2015.yaml"],
    ),
    "record_usage": (
        ["record", "usage", CODE, "--year", "2025", "--applying", "30", "--applicable", "40"],
        ["data/standards/energy/db50-t-1104-2015.yaml"],
    ),
    "record_activity": (
        [
            "record",
            "activity",
            DISTRICT,
            "--date",
            "2025-11-04",
            "--kind",
            "training",
            "--title",
            "标准化培训",
            "--attendees",
            "45",
        ],
        [f"data/districts/{DISTRICT}.yaml"],
    ),
    "record_dry_run_en": (
        [
            "record",
            "review",
            CODE,
            "--date",
            "2025-11-02",
            "--conclusion",
            "revise",
            "--dry-run",
            "--lang",
            "en",
        ],
        [],
    ),
    "record_unknown_code": (
        [
            "record",
            "review",
            "DB50/T 9999-2099",
            "--date",
            "2025-11-02",
            "--conclusion",
            "continue",
        ],
        [],
    ),
    # the registries (专家库, 资料库, 信息反馈)
    "check_registries": (["check", "--as-of", "2025-12-31", "--select", "E,M,F"], []),
    "explain_registry_code": (["explain", "F905"], []),
    "export_json_feedback": (
        ["export", "-f", "json", "-t", "feedback", "--as-of", "2025-12-31"],
        [],
    ),
    "export_csv_experts": (["export", "-f", "csv", "-t", "experts", "--as-of", "2025-12-31"], []),
    "new_expert": (
        [
            "new",
            "expert",
            "--slug",
            "test-expert",
            "--name",
            "测试专家",
            "--organization",
            "测试研究院",
            "--appointed",
            "2025-11-01",
            "--field",
            "vehicles",
        ],
        ["data/experts/test-expert.yaml"],
    ),
    "new_feedback": (
        [
            "new",
            "feedback",
            "--standard",
            CODE,
            "--from",
            DISTRICT,
            "--received",
            "2025-11-02",
            "--text",
            "条款 5.1 难以执行。",
        ],
        ["data/feedback/2025/2025-0005.yaml"],
    ),
    "record_feedback_response": (
        [
            "record",
            "feedback-response",
            "2025-0004",
            "--date",
            "2025-11-20",
            "--by",
            "chongqing",
            "--action",
            "interpretation",
            "--text",
            "已解释。",
        ],
        ["data/feedback/2025/2025-0004.yaml"],
    ),
    "record_feedback_closed": (
        ["record", "feedback-closed", "2024-0002", "--date", "2025-11-05"],
        ["data/feedback/2024/2024-0002.yaml"],
    ),
    "demo_small": (["demo", "{out}/d", "-n", "5", "--seed", "2"], ["{out}/d/data/indicators.yaml"]),
    "no_warehouse": (["check", "--root", "{out}"], []),
    "version": (["--version"], []),
    "help": (["--help"], []),
}

HELP_OF = [
    "check", "explain", "status", "report", "due", "find", "site", "history", "diff", "trend",
    "new standard",
    "new district", "record review", "record evaluation", "record usage", "record activity",
    "fmt", "schema", "export", "import", "demo", "new expert", "new material", "new feedback",
    "record feedback-response", "record feedback-closed",
]  # fmt: skip


def _mask(text: str, root: Path, out: Path) -> str:
    for path, name in ((out, "<OUT>"), (root, "<ROOT>")):
        for form in (str(path), path.as_posix(), str(path.resolve())):
            text = text.replace(form, name)
    # the moment a report was made is the one figure that depends on the clock
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", "<NOW>", text)
    # a new file says the day it was made: the one date a pinned --as-of cannot fix
    text = text.replace(dt.date.today().isoformat(), "<TODAY>")
    return text


@pytest.fixture(scope="module")
def surface_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed-5 demo with 40 standards and 40 commits of history (built once)."""
    from jgsw_std.demo.generator import build_demo, write_demo
    from jgsw_std.demo.history import build_history

    root = tmp_path_factory.mktemp("surface") / "wh"
    generated = build_demo(40, 5)
    write_demo(root, generated)
    build_history(root, generated, commits=40, seed=5)
    return root


def _transcript(result: CliResult, written: dict[str, str]) -> str:
    parts = [f"exit: {result.exit_code}", "--- stdout", result.stdout, "--- stderr", result.stderr]
    for name, content in written.items():
        parts += [f"--- file {name}", content]
    return "\n".join(parts)


def _read_written(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".html" and len(data) > 20_000:
        # a self-contained page is large: its digest and its text lines are enough
        body = data.decode("utf-8")
        text = re.sub(r"<[^>]+>", "\n", body)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return "sha256 of masked page: {digest}\n" + "\n".join(lines)
    return data.decode("utf-8")


def _compare(name: str, actual: str) -> None:
    path = SNAPSHOTS / f"{name}.txt"
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"no snapshot {path.name}; run with JGSW_UPDATE_SNAPSHOTS=1 and review it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name}: output differs from tests/snapshots/surface/{path.name}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_command_output_matches_snapshot(
    name: str,
    surface_demo: Path,
    tmp_path: Path,
    cli: Callable[..., CliResult],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    args, writes = CASES[name]
    root = tmp_path / "wh"
    shutil.copytree(surface_demo, root, symlinks=True)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    argv = [a.replace("{root}", str(root)).replace("{out}", str(out)) for a in args]
    result = cli(*argv, cwd=root)
    written: dict[str, str] = {}
    for rel in writes:
        path = Path(rel.replace("{out}", str(out))) if "{out}" in rel else root / rel
        content = _read_written(path) if path.exists() else "(not written)"
        if "{digest}" in content:
            masked = _mask(path.read_text(encoding="utf-8"), root, out)
            content = content.replace("{digest}", hashlib.sha256(masked.encode()).hexdigest())
        written[rel] = content
    if name == "export_xlsx_import":
        # the workbook read back proposes no change: export and import agree
        back = cli("import", str(out / "t.xlsx"), cwd=root)
        written["import"] = f"exit: {back.exit_code}\n{back.stdout}{back.stderr}"
    _compare(name, _mask(_transcript(result, written), root, out))


@pytest.mark.parametrize("command", HELP_OF)
def test_help_matches_snapshot(
    command: str, cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    result = cli(*command.split(), "--help", cwd=tmp_path)
    _compare(
        "help_" + command.replace(" ", "_"), _mask(_transcript(result, {}), tmp_path, tmp_path)
    )
