"""The line scan that places most problems agrees with the YAML composer wherever it answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from jgsw_std.load.positions import locate
from jgsw_std.load.warehouse import load_worktree
from jgsw_std.load.yamlread import load
from jgsw_std.rules.runner import _Outline
from tests.conftest import REPO


def _paths_of(data: object) -> list[tuple[str | int, ...]]:
    """Every top-level key and every item of a top-level list."""
    if not isinstance(data, dict):
        return []
    out: list[tuple[str | int, ...]] = []
    for key, value in data.items():
        if not isinstance(key, str):
            continue
        out.append((key,))
        if isinstance(value, list):
            out.extend((key, index) for index in range(len(value) + 1))  # one past the end too
    out.append(("absent",))
    return out


def _agree(text: str, data: object) -> int:
    """Assert the scan matches the composer; return how many answers the scan gave."""
    answered = 0
    for loc in _paths_of(data):
        for key in (False, True):
            quick = _Outline(text, data).position(loc, key)
            if quick is None:
                continue
            answered += 1
            assert quick == locate(text, loc, key), (loc, key, text)
    return answered


def test_scan_agrees_with_composer_on_every_demo_and_real_file(demo_root: Path) -> None:
    answered = 0
    for root in (demo_root, REPO):
        wh = load_worktree(root)
        for rel, entry in wh.files.items():
            text = wh.text_of(rel)
            if text is not None and entry.valid:
                answered += _agree(text, entry.data)
    assert answered > 5000  # the scan does answer for nearly everything


TRICKY = [
    # a quoted scalar spanning lines hides a line that looks like a key
    'code: DB50/T 1-2020\ntitle: "abc\ntitle: not a key"\nstatus: published\n',
    'code: DB50/T 1-2020\nsource: "line one\nstatus: draft"\nstatus: published\n',
    # flow collections spanning lines
    "code: X 1-2020\nitems: [a,\nb]\nstatus: published\n",
    "code: X 1-2020\nplan: {year: 2020,\n  kind: new}\nstatus: published\n",
    # empty values, comments, lists at column 0, block scalars, anchors
    "code: X 1-2020\nnote:\nstatus: published\n",
    "code: X 1-2020\n# comment\nreviews:   # trailing\n  # inside\n  - {date: 2020-01-01}\n\n  - date: 2021-01-01\n    conclusion: revise\nusage:\n- {year: 2020}\n- {year: 2021}\n",
    "code: X 1-2020\ntitle: |\n  a\n  b\nstatus: published\n",
    "code: &c X 1-2020\ntitle: *c\nreviews: !!seq\n  - a\n",
    "reviews:\n  -\n    date: 2020-01-01\n  - - nested\n",
    "{code: X 1-2020, title: t}\n",
    "code: X 1-2020\ncode: X 2-2020\ntitle: t\n",
    "\ufeffcode: X 1-2020\r\ntitle: t\r\n",
    "code: X 1-2020\nlist: []\nother: {}\n",
    "---\ncode: X 1-2020\ntitle: t\n...\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_scan_agrees_or_steps_aside_on_tricky_yaml(text: str) -> None:
    data, _ = load(text)
    _agree(text, data)


def test_scan_steps_aside_when_a_key_look_alike_hides_in_text() -> None:
    text = 'code: DB50/T 1-2020\nsource: "a\ntitle: b"\ntitle: real\n'
    data, _ = load(text)
    assert _Outline(text, data).position(("title",), False) is None
    assert locate(text, ("title",)) == (4, 8)
