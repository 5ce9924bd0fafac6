"""The fast reader (yaml-rs) gives exactly what the reference reader gives, or steps aside."""

from __future__ import annotations

from pathlib import Path

import pytest

from jgsw_std.load import fastyaml
from jgsw_std.load.decode import decode_utf8
from jgsw_std.load.fastyaml import MISS, fast_load
from jgsw_std.load.parse import parse_bytes
from jgsw_std.load.yamlread import load

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not fastyaml.AVAILABLE, reason="yaml-rs has no wheel for this platform: libyaml reads all"
)

# Scalars where YAML 1.1, YAML 1.2 and yaml-rs's own reading could part ways.
SCALARS = [
    "yes",
    "No",
    "NO",
    "on",
    "Off",
    "y",
    "true",
    "True",
    "TRUE",
    "tRue",
    "false",
    "null",
    "Null",
    "NULL",
    "NuLL",
    "~",
    "1:20",
    "190:20:30",
    "0o17",
    "0o8",
    "0x1F",
    "0X1F",
    "0O7",
    "0b101",
    "017",
    "09",
    "1_000",
    "0xFF_FF",
    "1__0",
    "0.1_0",
    "1e3",
    "1E3",
    "-1.5",
    ".5",
    "5.",
    "+1",
    "+.inf",
    "-.Inf",
    ".NaN",
    ".nan",
    ".Nan",
    "inf",
    "nan",
    "2021-02-30",
    "2021-03-01",
    "2021-3-1",
    "2021-03-01T10:00:00",
    "2021-03-01 10:00:00",
    "1.2.3",
    "-0",
    "123456789012345678901234567890",
    "12:30",
    "'quoted'",
    '"dq"',
    "a b",
    "DB50/T 1016-2020",
    "!!str 12",
    '!!int "5"',
    "!custom 1",
    "&a 1",
    "[a, b]",
    "{x: 1}",
    "a # c",
    "a#b",
    '"\\u4e2d"',
    "'it''s'",
    "中文",
    "95%",
    "R&D",
    "a * b",
    "why?",
    "http://x/?a=1&b=2",
]


@pytest.mark.parametrize("scalar", SCALARS)
def test_a_scalar_reads_the_same_or_takes_the_reference_path(scalar: str) -> None:
    raw = f"k: {scalar}\n".encode()
    text, _ = decode_utf8(raw)
    assert text is not None
    expected, _ = load(text)
    got = fast_load(raw, text)
    if got is MISS:
        return  # stepped aside: the reference reader answers
    assert repr(got) == repr(expected), scalar  # repr: 1 and True, nan and nan differ


DOCUMENTS = [
    "a: 1\n---\nb: 2\n",  # two documents: one error for the reference reader
    "--- \na: 1\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: &x [1]\nb: *x\n",
    "? [a]\n: 1\n",
    "[a, b]: 1\n",  # collections as keys: a tuple to yaml-rs, text to ours
    "{a: 1}: x\n",
    "k:\n  [a]: 1\n",
    "- [a] : 1\n",
    "a: 1\na: 2\n",  # repeated key
    "a: {b: 1, b: 2}\n",
    "a:\tb\n",
    "a: b: c\n",
    "k: a\u0085b\n",
    "k: a\u2028b\n",
    'a: "x\nb: y"\n',  # a quoted value continued in column 1
    "a: [x,\nb: y]\n",
    "a: 1\r\nb: [2, 3]\r\n",
    "title: 标准\ntitle_en: Children's guide\nsource: https://x.example/?id=1&p=2\n",
    "reviews:\n- date: 2021-01-01\n  result: valid\n- {date: 2022-01-01, result: revise}\n",
    "k: |\n  line\n  - not an item\nz: >-\n  folded\n  text\n",
    "",
    "# only a comment\n",
    "- 1\n- 2\n",
    # found by review: each of these read differently, or crashed, before a screen
    "a: 1\n\t\nb: 2\n",  # a tab alone on a line
    "a: 1\n\t# note\n",
    "k: a\x07b\n",  # control characters, NUL, DEL, C1, noncharacters
    "k: a\x00b\n",
    "# \x08\nk: 1\n",
    "k: a\x7fb\n",
    "k: a\x9bb\n",
    "k: a\ufffeb\n",
    "notes: |\n  text",  # block scalars at the end of a file
    "title: |\n",
    "title: >-\n\n",
    "notes: text",  # no final line break
    "k: [a, ?b]\n",  # ? in flow
    "k: {?x: 1}\n",
    '{"a":!!int "3"}\n',  # a tag right after a colon
    "k: ! 12\n",  # a bare tag
    ": a\n",  # an empty key
    "k: [a, : b]\n",
    'k: "\\ud83d\\ude00"\n',  # surrogate escapes
    "a: 1\r---\rb: 2\r",  # lone carriage returns
    "a: 1\rb: 2\n",
    "\ufeff...\na: 1\n",
]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_documents_read_the_same_through_parse_bytes(document: str) -> None:
    raw = document.encode()
    data, dups, syntax, bad, _ = parse_bytes(raw)
    text, _ = decode_utf8(raw)
    assert text is not None
    try:
        expected, expected_dups = load(text)
    except Exception as exc:  # the reference reader refuses: so must parse_bytes
        assert syntax is not None, (document, exc)
        return
    assert syntax is None and bad == -1
    assert repr(data) == repr(expected)
    assert [d[0] for d in dups] == [d.key for d in expected_dups]


def _corpus() -> list[Path]:
    files = sorted((REPO / "tests").rglob("*.yaml")) + sorted((REPO / "data").rglob("*.yaml"))
    return [f for f in files if ".pytest_cache" not in f.parts]


def test_every_shipped_and_corpus_file_reads_the_same(demo_root: Path) -> None:
    files = _corpus() + sorted((demo_root / "data").rglob("*.yaml"))
    fast = 0
    for path in files:
        raw = path.read_bytes()
        text, _ = decode_utf8(raw)
        if text is None:
            continue
        got = fast_load(raw, text)
        if got is MISS:
            continue
        fast += 1
        expected, dups = load(text)
        assert not dups, path
        assert repr(got) == repr(expected), path
    assert fast > 300  # the demo's files all take the fast path


def test_check_places_every_problem_the_same_without_the_fast_reader(
    demo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where yaml-rs is missing, libyaml reads everything: same problems, same places."""
    import datetime as dt

    from jgsw_std.app.check import check_warehouse
    from jgsw_std.load import parse
    from jgsw_std.load.warehouse import load_worktree

    day = dt.date(2025, 12, 31)

    def problems() -> list[tuple[str, str, int, int, str]]:
        result = check_warehouse(load_worktree(demo_root), day)
        return [(p.path, p.code, p.line, p.col, p.fingerprint()) for p in result.problems]

    fast = problems()
    monkeypatch.setattr(fastyaml, "AVAILABLE", False)
    monkeypatch.setattr(parse, "FAST_AVAILABLE", False)
    slow = problems()
    assert len(fast) > 100
    assert fast == slow


@pytest.mark.parametrize("depth", [30, 500, 501, 900, 2_000, 20_000, 200_000])
def test_deep_nesting_is_refused_or_read_never_crashes(depth: int) -> None:
    """yaml-rs recurses on the C stack: a deep document must never reach it.

    Run in a child interpreter, since a crash there would take pytest down.
    """
    import subprocess
    import sys

    script = (
        "from jgsw_std.load.parse import parse_bytes\n"
        f"r = parse_bytes(('deep:\\n' + '- ' * {depth} + 'x\\n').encode())\n"
        f"f = parse_bytes(('deep: ' + '[' * {depth} + 'x' + ']' * {depth} + '\\n').encode())\n"
        "print(r[2] is None, f[2] is None)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # MAX_DEPTH (500) in yamlread, or the parser's own limit (1,000 in PyYAML
    # 6.0.4 and later; earlier ones have none): deeper is a syntax error (Y001)
    readable = depth <= 500
    assert done.stdout.split() == [str(readable), str(readable)]
