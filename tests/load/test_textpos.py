"""Positions read off the text agree with the parser's, wherever they answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jgsw_std.load import fastyaml
from jgsw_std.load.decode import decode_utf8
from jgsw_std.load.fastyaml import MISS, fast_load
from jgsw_std.load.positions import Locator
from jgsw_std.load.textpos import TextPositions

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not fastyaml.AVAILABLE, reason="yaml-rs has no wheel for this platform: libyaml reads all"
)


def _paths(data: dict) -> Iterator[tuple[str | int, ...]]:
    """Every path a problem could carry, up to three deep, plus absent ones."""
    yield ()
    yield ("no_such_field",)
    yield ("no_such_field", 0)
    for key, value in data.items():
        if not isinstance(key, str):
            continue
        yield (key,)
        yield (key, 0)
        yield (key, "no_such_field")
        if isinstance(value, list):
            yield (key, -1)
            for index in range(len(value) + 1):
                yield (key, index)
                yield (key, index, "date")
        elif isinstance(value, dict):
            for child in value:
                yield (key, child)


def _compare(text: str) -> tuple[int, int]:
    """(answered, asked) after asserting every answer equals the Locator's."""
    data = fast_load(text.encode(), text)
    if data is MISS or not isinstance(data, dict):
        return 0, 0
    finder = TextPositions(text, data)
    locator = Locator(text)
    answered = asked = 0
    for loc in _paths(data):
        for key in (False, True):
            got = finder.locate(loc, key)
            # claimed: the document, a top-level field, an item of a top-level list
            asked += len(loc) < 2 or (len(loc) == 2 and isinstance(loc[1], int) and loc[1] >= 0)
            if got is None:
                continue
            answered += 1
            assert got == locator.locate(loc, key), (loc, key, text[:200])
    return answered, asked


TRICKY = [
    "# a comment first\n\ncode: DB50/T 1-2020\ntitle: 标题\n",
    "code: x\nreviews:\n- date: 2021-01-01\n  result: valid\n-   date: 2022-01-01\n",
    "code: x\nreviews:\n  - date: 2021-01-01\n    # a comment between items\n  - date: 2022\n",
    "code: x\nreviews: # trailing comment\n  - a\n  - b\nnext: 1\n",
    "code: x\nreviews:\n\n  # comment before the first item\n  - a\n",
    "code: x\nreviews: [a, b]\n",
    "code: x\nreviews: {a: 1}\n",
    "code: x\nreviews:\nnext: 1\n",
    "code: x\nreviews:\n  -\n    date: 1\n",
    "code: x\nnotes: |\n  text\n  - not an item\n  key: not a key\nnext: 1\n",
    "code: x\nnotes: >-\n  folded\nlast: y\n",
    'code: x\ntitle: "quoted\n  on two lines"\nlast: y\n',
    "code: x\ntitle: plain\n  continued\nlast: y\n",
    "code: x\nmechanism:\n  leading_group: true\n  staff: 3\n",
    "code: x\r\nreviews:\r\n- a\r\n- b\r\n",
    "  code: x\n  title: indented root\n",
    '"code": x\ntitle: y\n',
    "code: x\ntitle:    spaced value\nusage:\n- - nested\n  - list\n- x\n",
    "code: x\n中文键: 值\nusage:\n- 一\n- 二\n",
    "code: x\nusage:\n- a\n-\n- c\n",
    "code: x\nitems: [a, b,]\nrefs: []\nmore: [ a ,b ]  # note\n",
    "code: x\nitems: [a, 'b']\nrefs: [a: 1, b]\n",
    "code: x\nitems: [a,\n  b]\n",
    "code: x\nitems: [中文, 项目]\n",
    # found by review
    "'null': x\nnull: y\n",  # a quoted key and a plain typed key of the same spelling
    "'code': x\ncode: y\n",
    "true: 1\nTrue_x: 2\n",
    '{b: x, title: "y\nb: 1"}\n',  # a root flow mapping continued in column 1
    "{title: x, plan: {year: 2021,\nkind: revision}}\n",
    "k: [a, b]\nempty: []\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_layouts_answer_right_or_not_at_all(text: str) -> None:
    _compare(text)


def test_every_corpus_and_demo_file_agrees(demo_root: Path) -> None:
    files = sorted((REPO / "tests").rglob("*.yaml")) + sorted((REPO / "data").rglob("*.yaml"))
    files += sorted((demo_root / "data").rglob("*.yaml"))
    answered = asked = 0
    for path in files:
        text, _ = decode_utf8(path.read_bytes())
        if text is not None:
            got, total = _compare(text)
            answered += got
            asked += total
    # nearly every path of the kinds most problems carry is answered from the text
    assert answered > asked * 0.95, (answered, asked)
