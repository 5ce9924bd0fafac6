"""Positions recorded while parsing agree with the YAML composer everywhere they answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from jgsw_std.load.outline import from_outline
from jgsw_std.load.positions import locate
from jgsw_std.load.warehouse import load_worktree
from jgsw_std.load.yamlread import load_with_outline
from tests.conftest import REPO


def _paths_of(data: object) -> list[tuple[str | int, ...]]:
    """Every top-level key, every item or key one level below, and some absent ones."""
    out: list[tuple[str | int, ...]] = [(), ("absent",)]
    if not isinstance(data, dict):
        return out
    for key, value in data.items():
        out.append((key,))
        if isinstance(value, list):
            out.extend((key, index) for index in range(len(value) + 1))  # one past the end too
            out.append((key, 0, "date"))  # deeper: the outline must step aside
        elif isinstance(value, dict):
            out.extend((key, child) for child in value)
            out.append((key, "absent"))
    return out


def _agree(text: str) -> int:
    """Assert the outline matches the composer; return how many answers it gave."""
    data, _, outline = load_with_outline(text)
    if outline is None:
        return 0
    answered = 0
    for loc in _paths_of(data):
        for key in (False, True):
            quick = from_outline(outline, loc, key)
            if quick is None:
                assert len(loc) > 2
                continue
            answered += 1
            assert quick == locate(text, loc, key), (loc, key, text)
    return answered


def test_outline_agrees_with_composer_on_every_demo_and_real_file(demo_root: Path) -> None:
    answered = 0
    for root in (demo_root, REPO):
        wh = load_worktree(root)
        for rel in wh.files:
            text = wh.text_of(rel)
            if text is not None:
                answered += _agree(text)
    assert answered > 5000  # the outline answers for nearly everything


TRICKY = [
    # a quoted scalar spanning lines hides a line that looks like a key
    'code: DB50/T 1-2020\ntitle: "abc\ntitle: not a key"\nstatus: published\n',
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
    "mechanism:\n  leading_group: 2019-04-01\n  staff: {full_time: 1}\n",
    "- a\n- b\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_outline_agrees_on_tricky_yaml(text: str) -> None:
    _agree(text)


def test_a_key_look_alike_inside_text_is_not_mistaken() -> None:
    text = 'code: DB50/T 1-2020\nsource: "a\ntitle: b"\ntitle: real\n'
    _, _, outline = load_with_outline(text)
    assert outline is not None
    assert from_outline(outline, ("title",)) == locate(text, ("title",)) == (4, 8)
