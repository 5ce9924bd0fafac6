"""Property-based fuzzing of hostile warehouse files (issue 12).

Hypothesis mutates the files of a small valid warehouse, as text (bytes
inserted, lines dropped or repeated, the file cut short, YAML constructs and
control characters spliced in) and as data (a field replaced by a huge integer,
.nan, a long or control-laden string, a list, a mapping), then runs `check` and
`status` through the CLI's error boundary. Whatever the mutation:

- no exception escapes (the boundary would turn it into exit 3),
- the exit code is 0, 1 or 2,
- every problem names a file.

A second property formats the mutated files (`fmt --check`, then `fmt`) and
checks the result. The suite runs 200 examples of the first and 50 of the
second (a few seconds each); ``bench/fuzz_warehouse.py`` runs
as many as asked (JGSW_FUZZ_EXAMPLES) and prints what hypothesis saw.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MINI_DISTRICTS, MINI_FRAMEWORK, MINI_INDICATORS, write_tree

EXAMPLES = int(os.environ.get("JGSW_FUZZ_EXAMPLES", "200"))

STANDARDS = {
    "data/standards/vehicles/db50-t-7-2020.yaml": (
        "# yaml-language-server: $schema=../../../schemas/standard.schema.json\n"
        "code: DB50/T 7-2020\ntitle: 公务用车管理规范\nlevel: local\ncategory: operation\n"
        "area: vehicles\nitems: [vehicles.quota]\nowner: chongqing\nstatus: published\n"
        "plan: {year: 2019, kind: new}\npublished: 2020-01-01\neffective: 2020-03-01\n"
        "supersedes: [DB50/T 1-2015]\nreferences: [GB/T 41568-2022]\n"
        "reviews:\n  - {date: 2024-05-01, conclusion: continue}\n"
        "evaluations:\n  - {date: 2021-06-01, method: DB50/T 1053-2020, score: 88.5}\n"
        "usage:\n  - {year: 2024, applying: 38, applicable: 42}\n"
        "source: 渝市监公告〔2020〕25号\n"
    ),
    "data/standards/logistics/db50-t-8-2021.yaml": (
        "code: DB50/T 8-2021\ntitle: 机关食堂服务规范\nlevel: local\ncategory: operation\n"
        "area: logistics\nitems:\n- logistics.catering\nstatus: published\n"
        "published: 2021-01-01\neffective: 2021-03-01\n"
        "usage:\n- year: 2023\n  applying: 5\n  applicable: 9\n"
    ),
}
BASE: dict[str, str] = {
    "data/framework.yaml": MINI_FRAMEWORK,
    "data/indicators.yaml": MINI_INDICATORS,
    **MINI_DISTRICTS,
    **STANDARDS,
}
NAMES = sorted(BASE)

# Pieces that have broken a YAML tool somewhere: indicators, anchors and aliases,
# tags, document markers, odd numbers, controls, separators, long runs.
SPLICES = [
    "&a ", "*a", "*zz", "!!str ", "!!binary ", "? ", ": ", "- ", "[", "]", "{", "}", ",",
    "|\n", ">-\n", "'", '"', "#", "---\n", "...\n", "%YAML 1.2\n", "\t", "\r", "\r\n",
    "\x00", "\x1b[31m", "\x85", "\u2028", "\ufeff", "\ufffe", "\ud7ff", "0x1F", "0o17",
    "1_000", ".nan", "-.inf", "1e308", "9" * 5000, "-" + "9" * 4400, "2021-02-30",
    "~", "null", "yes", "<<: *a", "a" * 5000, "　", "：", "／",
]  # fmt: skip

# Whole values that have broken jgsw (issue 12) or could: numbers past Python's
# 4,300-digit limit, non-finite and enormous floats, escapes, aliases, dates
# that do not exist, collections where a scalar belongs.
HOSTILE_VALUES = [
    "9" * 5000, "-" + "9" * 5000, "0x" + "f" * 5000, "0o" + "7" * 5000, "1" + "0" * 4299,
    ".nan", ".inf", "-.inf", "1e308", "-1e308", "1e-308", "4.9e-324", "1e309",
    '"line\\nbreak"', '"\\e[31mred"', '"tab\\there"', '"\\u2028"', "'a''b'",
    "*a", "&a x", "!!int 5", "[]", "{}", "[1, [2, [3]]]", "{a: {b: {c: 1}}}", "null", "~",
    "2021-02-30", "0000-01-01", "9999-12-31", "2020-1-1", "-1", "0", "1000000000",
    "x" * 3000, "规" * 1001, "DB50/T " + "1" * 200 + "-2020", "a" * 90,
]  # fmt: skip
_VALUE = re.compile(r"(?<=: )[^,}\]\n#][^,}\]\n#]*")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**18, max_value=10**3000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.text(alphabet=st.characters(max_codepoint=0x3000), min_size=200, max_size=3000),
    st.sampled_from(["2021-02-30", "2024-01-01", "DB50/T 9-2024", "continue", "", " "]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


@st.composite
def text_edit(draw: st.DrawFn, text: str) -> str:
    """One change to the file as text."""
    kind = draw(
        st.sampled_from(["value", "value", "splice", "delete", "line", "repeat", "cut", "bytes"])
    )
    at = draw(st.integers(0, len(text)))
    if kind == "value":  # one value of the file replaced, as a person might type it
        spans = [m.span() for m in _VALUE.finditer(text)]
        if spans:
            start, end = draw(st.sampled_from(spans))
            return text[:start] + draw(st.sampled_from(HOSTILE_VALUES)) + text[end:]
    if kind == "splice":
        piece = draw(st.one_of(st.sampled_from(SPLICES), st.text(max_size=12)))
        return text[:at] + piece + text[at:]
    if kind == "delete":
        return text[:at] + text[at + draw(st.integers(1, 40)) :]
    lines = text.split("\n")
    index = draw(st.integers(0, max(0, len(lines) - 1)))
    if kind == "line":
        lines[index] = draw(st.text(max_size=40))
        return "\n".join(lines)
    if kind == "repeat":
        return "\n".join(lines[: index + 1] + lines[index:])
    if kind == "cut":
        return text[:at]
    return text[:at] + draw(st.binary(max_size=8)).decode("latin-1") + text[at:]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.extend(_paths(value, (*prefix, index)))
    return out


@st.composite
def data_edit(draw: st.DrawFn, text: str) -> str:
    """One field replaced by a hostile value, the file written out again by PyYAML."""
    data = yaml.safe_load(text)
    where = draw(st.sampled_from(_paths(data)[1:] or [()]))
    value = draw(values)
    if not where:
        data = value
    else:
        node = data
        for step in where[:-1]:
            node = node[step]
        node[where[-1]] = value
    style = draw(st.sampled_from([None, False, True]))
    return yaml.safe_dump(data, allow_unicode=True, default_flow_style=style, width=10**6)


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, bytes]:
    """The warehouse with one to three files changed."""
    files = dict(BASE)
    for name in draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True)):
        text = files[name]
        for _ in range(draw(st.integers(1, 3))):
            edit = draw(st.sampled_from([text_edit, data_edit]))
            try:
                text = draw(edit(text))
            except (yaml.YAMLError, TypeError, ValueError, KeyError, IndexError, RecursionError):
                text = draw(text_edit(text))  # the text no longer parses: edit it as text
        files[name] = text
    out = {rel: text.encode("utf-8", "surrogatepass") for rel, text in files.items()}
    if draw(st.booleans()):  # and now and then an encoding the warehouse does not use
        victim = draw(st.sampled_from(NAMES))
        out[victim] = files[victim].encode("gb18030", "replace")
    return out


def _run(*args: str) -> tuple[int, str, str]:
    from jgsw_std.cli.app import run

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(list(args))
    return code, out.getvalue(), err.getvalue()


class Workspace:
    """One warehouse folder for every example: only the files that differ are rewritten
    (making and removing folders costs more than running jgsw on them)."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="jgsw-fuzz-"))
        self.on_disk: dict[str, bytes] = {}

    def hold(self, files: dict[str, bytes]) -> Path:
        changed = {rel: data for rel, data in files.items() if self.on_disk.get(rel) != data}
        write_tree(self.root, dict(changed))
        self.on_disk.update(changed)
        return self.root


_WORKSPACE: Workspace | None = None


def workspace() -> Workspace:
    global _WORKSPACE
    if _WORKSPACE is None or not _WORKSPACE.root.is_dir():
        _WORKSPACE = Workspace()
    return _WORKSPACE


def check_survives(root: Path, files: dict[str, bytes]) -> None:
    """The property: the readers on the warehouse ``files`` (already on disk under ``root``)."""
    code, out, err = _run("check", "--root", str(root), "--format", "json", "--as-of", "2025-12-31")
    assert code in (0, 1, 2), err
    payload = json.loads(out)
    for problem in payload["problems"]:
        assert problem["path"], problem
        assert problem["path"].startswith("data/"), problem
    assert all(p["path"] in files or p["code"] == "Y006" for p in payload["problems"])
    _status(root)


def _status(root: Path) -> None:
    """`status --format json` without typer's per-call set-up (two thirds of its time here)."""
    import datetime as dt

    from jgsw_std.app.status import StatusRequest, run_status
    from jgsw_std.errors import JgswError
    from jgsw_std.output.status import WRITERS

    try:
        outcome = run_status(StatusRequest(root=root, as_of=dt.date(2025, 12, 31)))
    except JgswError:
        return  # a clear message and exit 1: allowed
    json.loads(WRITERS["json"](outcome, "zh", explain=True, color=False))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 200,  # the suite's run is the same every time
    database=None,  # nothing written into the checkout
)
@given(mutated())
def test_hostile_warehouses_never_crash_jgsw(files: dict[str, bytes]) -> None:
    space = workspace()
    check_survives(space.hold(files), files)


FMT_EXAMPLES = max(50, EXAMPLES // 4)


@settings(
    max_examples=FMT_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=EXAMPLES <= 200,
    database=None,
)
@given(mutated())
def test_hostile_files_never_crash_fmt(files: dict[str, bytes]) -> None:
    """`fmt` reads hostile files through the round-trip parser and writes them back."""
    space = workspace()
    root = space.hold(files)
    changed = [root / rel for rel, data in files.items() if data != BASE[rel].encode()]
    code, _, err = _run("fmt", "--check", *map(str, changed), "--root", str(root))
    assert code in (0, 1), err
    code, _, err = _run("fmt", *map(str, changed), "--root", str(root))
    assert code in (0, 1), err
    space.on_disk.clear()  # fmt rewrote some: write every file again next time
    code, out, err = _run("check", "--root", str(root), "--format", "json")
    assert code in (0, 1, 2), err
    assert all(p["path"].startswith("data/") for p in json.loads(out)["problems"])


def teardown_module() -> None:
    if _WORKSPACE is not None:
        shutil.rmtree(_WORKSPACE.root, ignore_errors=True)
