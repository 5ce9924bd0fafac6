"""Checks that a Markdown report is well-formed GitHub/GitLab-flavoured Markdown."""

from __future__ import annotations

import itertools
import re

_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_DELIMITER = re.compile(r"^\s*:?-{3,}:?\s*$")
_HEADING = re.compile(r"^(#{1,6}) (.+)$")


def cells(line: str) -> list[str]:
    """A table row's cells, split at pipes that are not escaped."""
    inner = line.strip()
    assert inner.startswith("|") and inner.endswith("|"), line
    return [c.strip() for c in _CELL_SPLIT.split(inner[1:-1])]


def tables(text: str) -> list[list[str]]:
    """Every table: runs of consecutive lines starting with a pipe."""
    out: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def table_problems(text: str) -> list[str]:
    """What would break a GFM table: ragged rows, a bad delimiter, a missing blank line."""
    problems: list[str] = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("|") and index > 0:
            before = lines[index - 1]
            if before.strip() and not before.startswith("|"):
                problems.append(f"line {index + 1}: a table must follow a blank line")
    for table in tables(text):
        if len(table) < 2:
            problems.append(f"table without delimiter row: {table[0]!r}")
            continue
        width = len(cells(table[0]))
        delimiter = cells(table[1])
        if len(delimiter) != width or not all(_DELIMITER.match(c) for c in delimiter):
            problems.append(f"bad delimiter row under {table[0]!r}: {table[1]!r}")
        for row in table[2:]:
            if len(cells(row)) != width:
                problems.append(f"row has {len(cells(row))} cells, header {width}: {row!r}")
    return problems


def headings(text: str) -> list[tuple[int, str]]:
    out = []
    in_fence = False
    for line in text.splitlines():
        if line.startswith("```"):
            in_fence = not in_fence
        match = _HEADING.match(line)
        if match and not in_fence:
            out.append((len(match[1]), match[2]))
    return out


def outline_problems(text: str) -> list[str]:
    """One H1 first; no heading skips a level on the way down."""
    found = headings(text)
    problems: list[str] = []
    if not found or found[0][0] != 1:
        problems.append("the document must open with an H1")
    if sum(1 for level, _ in found if level == 1) != 1:
        problems.append("exactly one H1")
    for (prev, _), (level, title) in itertools.pairwise(found):
        if level > prev + 1:
            problems.append(f"heading {title!r} jumps from H{prev} to H{level}")
    return problems


def github_anchor(title: str) -> str:
    """The id GitHub gives a heading (lower case, punctuation dropped, spaces to hyphens)."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")
