"""Random small documents read the same through parse_bytes as through the reference reader.

A seeded, bounded differential fuzz: odd characters in every YAML context
(block and flow values, keys, quoted and block scalars). It found most of the
screens in fastyaml.py; it stays as their regression guard.
"""

from __future__ import annotations

import random

import pytest

from jgsw_std.load import fastyaml
from jgsw_std.load.decode import decode_utf8
from jgsw_std.load.parse import parse_bytes
from jgsw_std.load.yamlread import YamlSyntaxError, load

pytestmark = pytest.mark.skipif(
    not fastyaml.AVAILABLE, reason="yaml-rs has no wheel for this platform: libyaml reads all"
)

ALPHABET = [*"a1.-+:#'\",[]{}|>%@`\\ eE0_~\n\t!&*?", "  ", "\n  ", "\n- ", ": ", "- ", "中"]
ALPHABET += ["\r\n", '""', "''", "k: ", "0x", "1_0", ".inf", "\u2028", "\x07"]
TEMPLATES = [
    "k: {}\n", "- {}\n", "k:\n  {}\n", "{}\n", "k: [{}]\n", "k: {{a: {}}}\n",
    'k: "{}"\n', "k: '{}'\n", "k: |\n  {}\n", "k: >\n  {}\n", "k: {}", "code: x\n{}: 1\n",
    "reviews:\n- {{date: {}}}\n", "items: [a, {}]\n",
    "evidence: [{{date: 2022-05-20, note: {}}}]\n", "k: [{{a: b}}, {{c: {}}}]\n",
    "k: [ {{a: {}}} ,{{}}]\n", "- [{{{}}}]\n",
    "# {}\nk: v\n", "k: v\n  # {}\n", 'k: "a\n  # {}"\n', "k:\n- a\n# {}\n- b\n",
]  # fmt: skip


def _reference(text: str) -> tuple[str, object]:
    try:
        data, dups = load(text)
    except YamlSyntaxError:
        return "syntax error", None
    return "ok", (repr(data), [d.key for d in dups])


def _through_parse_bytes(raw: bytes) -> tuple[str, object]:
    data, dups, syntax, _, _ = parse_bytes(raw)
    if syntax is not None:
        return "syntax error", None
    return "ok", (repr(data), [d[0] for d in dups])


@pytest.mark.parametrize("seed", range(4))
def test_random_documents_read_the_same(seed: int) -> None:
    rnd = random.Random(seed)
    fast = 0
    for _ in range(1500):
        piece = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, 8)))
        document = rnd.choice(TEMPLATES).format(piece)
        raw = document.encode()
        text, _ = decode_utf8(raw)
        assert text is not None
        fast += fastyaml.fast_load(raw, text) is not fastyaml.MISS
        assert _through_parse_bytes(raw) == _reference(text), document
    assert fast > 100  # the fast path was taken often enough to be tested
