"""The broken-file corpus: one defect a file, each found at its line and column.

Every file in tests/corpus/broken/ starts with
``# path: <where it goes in a warehouse> | expect: CODE line:col[, ...]``.
All of them go into one warehouse together, which also proves that one bad file
never hides the others.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from jgsw_std.app.check import check_warehouse
from jgsw_std.rules.registry import RULES, ensure_loaded
from tests.conftest import CliRunner, MiniFactory

CORPUS = Path(__file__).parent / "corpus" / "broken"
HEADER = re.compile(rb"^# path: (?P<path>\S+) \| expect: (?P<expect>.*)$")
FAMILIES = ["Y", "S", "N", "R", "D", "E", "M", "F"]  # gap and duty rules have their own tests
#: An info that every current local standard gets once a warehouse keeps documents; in
#: the corpus it counts only in the file that is about it, not on every other standard.
ONLY_WHERE_EXPECTED = {"M905"}


def corpus() -> list[tuple[str, str, bytes, set[tuple[str, int, int]]]]:
    cases = []
    for file in sorted(CORPUS.glob("*.yaml")):
        raw = file.read_bytes()
        match = HEADER.match(raw.split(b"\n", 1)[0])
        assert match, f"{file.name}: missing '# path: ... | expect: ...' header"
        expected: set[tuple[str, int, int]] = set()
        for item in match["expect"].decode().split(","):
            parts = item.split()
            if len(parts) == 2 and re.fullmatch(r"\d+:\d+", parts[1]):
                line, col = parts[1].split(":")
                expected.add((parts[0], int(line), int(col)))
        cases.append((file.name, match["path"].decode(), raw, expected))
    return cases


CASES = corpus()

# Files that cannot be kept in the corpus folder (git stores no pipes, no names
# that are not UTF-8, and 4 MiB of padding helps nobody): made by the test.
# rel -> (how to make it, the expected finding)
SPECIAL: dict[str, tuple[str, tuple[str, int, int]]] = {
    "data/standards/logistics/dangling.yaml": ("link to nothing", ("Y007", 1, 1)),
    "data/standards/logistics/pipe.yaml": ("named pipe", ("Y008", 1, 1)),
    "data/standards/logistics/db50-t-9201-2020.yaml": ("over 4 MiB", ("Y009", 1, 1)),
    "data/standards/logistics/bad\ufffd.yaml": ("name not UTF-8", ("Y011", 1, 1)),
}


def test_corpus_is_big_and_covers_every_validation_code() -> None:
    from jgsw_std.problems.catalogue import CATALOGUE

    ensure_loaded()
    covered = {code for *_, expected in CASES for code, _, _ in expected}
    covered |= {expected[0] for _, expected in SPECIAL.values()}
    validation_codes = {c for c in RULES if c[0] in FAMILIES} - {"Y006"}  # Y006: a test below
    validation_codes |= {c for c in CATALOGUE if c[0] in "YS"} - {"Y006"}
    assert len(CASES) >= 30
    assert validation_codes <= covered, f"codes without a corpus file: {validation_codes - covered}"


def _make_special(root: Path, rel: str, how: str) -> bool:
    """Make one special file; False where this system cannot."""
    import os

    folder = root / "data" / "standards" / "logistics"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        if how == "link to nothing":
            (root / rel).symlink_to("nothing-here.yaml")
        elif how == "named pipe":
            os.mkfifo(root / rel)
        elif how == "over 4 MiB":
            (root / rel).write_bytes(b"code: DB50/T 9201-2020\n" + b"#" * (4 << 20) + b"\n")
        else:
            with open(os.path.join(os.fsencode(folder), b"bad\xff.yaml"), "wb") as handle:
                handle.write(b"code: x\n")
    except (OSError, AttributeError, NotImplementedError):
        return False
    return True


def test_special_files_yield_their_code_at_their_position(tmp_path: Path) -> None:
    from jgsw_std.load.warehouse import load_worktree
    from tests.conftest import MINI_DISTRICTS, MINI_FRAMEWORK, MINI_INDICATORS, write_tree

    write_tree(
        tmp_path,
        {"data/framework.yaml": MINI_FRAMEWORK, "data/indicators.yaml": MINI_INDICATORS,
         **MINI_DISTRICTS},
    )  # fmt: skip
    made = {rel: expected for rel, (how, expected) in SPECIAL.items()
            if _make_special(tmp_path, rel, how)}  # fmt: skip
    if not made:
        pytest.skip("this system can make none of the special files")
    result = check_warehouse(load_worktree(tmp_path), dt.date(2025, 12, 31), select=FAMILIES)
    found: dict[str, set[tuple[str, int, int]]] = {}
    for problem in result.problems:
        found.setdefault(problem.path, set()).add((problem.code, problem.line, problem.col))
    assert {rel: found.get(rel) for rel in made} == {rel: {exp} for rel, exp in made.items()}


@pytest.fixture(scope="module")
def corpus_findings(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, set[tuple[str, int, int]]]:
    from jgsw_std.load.warehouse import load_worktree
    from tests.conftest import (
        MINI_DISTRICTS,
        MINI_FRAMEWORK,
        MINI_INDICATORS,
        write_tree,
    )

    root = tmp_path_factory.mktemp("corpus")
    write_tree(
        root,
        {
            "data/framework.yaml": MINI_FRAMEWORK,
            "data/indicators.yaml": MINI_INDICATORS,
            **MINI_DISTRICTS,
        },
    )
    for _, rel, raw, _ in CASES:
        write_tree(root, {rel: raw})
    wh = load_worktree(root)
    result = check_warehouse(wh, dt.date(2025, 12, 31), select=FAMILIES)
    found: dict[str, set[tuple[str, int, int]]] = {}
    expected = {rel: codes for _, rel, _, codes in CASES}
    for problem in result.problems:
        place = (problem.code, problem.line, problem.col)
        if problem.code in ONLY_WHERE_EXPECTED and place not in expected.get(problem.path, ()):
            continue
        found.setdefault(problem.path, set()).add(place)
    return found


@pytest.mark.parametrize(("name", "rel", "raw", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_broken_file_yields_its_code_at_its_position(
    corpus_findings: dict[str, set[tuple[str, int, int]]],
    name: str,
    rel: str,
    raw: bytes,
    expected: set[tuple[str, int, int]],
) -> None:
    assert corpus_findings.get(rel, set()) == expected


def test_clean_files_beside_the_corpus_stay_clean(
    corpus_findings: dict[str, set[tuple[str, int, int]]],
) -> None:
    # The mini warehouse's own files are fine; nothing leaks onto them. (The framework
    # is a corpus file of its own: its main areas are short of experts, E904.)
    assert "data/districts/shapingba.yaml" not in corpus_findings
    assert "data/districts/chongqing.yaml" not in corpus_findings


def test_cli_reports_corpus_without_traceback(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini({rel: raw for _, rel, raw, _ in CASES})
    result = cli(
        "check", "--format", "json", "--select", ",".join(FAMILIES), "--root", str(wh.root)
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    payload = json.loads(result.stdout)
    reported = {p["path"] for p in payload["problems"]}
    assert {rel for _, rel, _, expected in CASES if expected} <= reported
    summary = payload["summary"]
    findings = summary["errors"] + summary["warnings"] + summary["infos"]
    assert findings >= sum(len(c[3]) for c in CASES)


def test_missing_required_files_are_reported(mini: MiniFactory, cli: CliRunner) -> None:
    wh = mini(framework=None)
    # The warehouse is still found through data/standards + indicators; framework is missing.
    result = cli("check", "--root", str(wh.root))
    assert result.exit_code == 1
    # A missing file has no line to point at: 0:0 means "the whole file".
    assert "data/framework.yaml:0:0: error Y006" in result.stdout
