"""Positions in fast-read documents, found in the text instead of a second parse.

Documents read by yaml-rs carry no positions (see fastyaml.py). Re-reading
each file that has a problem through libyaml costs about 90 µs a file, and on
a large warehouse most files have at least a duty warning. Almost every
problem points at a top-level field or at an item of a top-level list, and
those positions can be read off the lines directly:

A document that yaml-rs accepted and that passed fastyaml's screens is block
YAML with strict indentation and without anchors, tags or document markers.
In it, a line that starts in column 1 and is neither blank nor a comment is
either a key of the root mapping or an item (``-``) of a list written flush
left under one (yaml-rs rejects continuation lines of a quoted or flow value
in column 1, which libyaml would take). So key ``reviews`` is the one line
that starts ``reviews:``, and its value starts after the colon or on the next
line with content.

Everything else (nested mapping keys, flow lists, a key written in quotes,
empty values, tabs, lone carriage returns) answers None, and the caller asks
the parser (:class:`~jgsw_std.load.positions.Locator`). The answers are
tested against the Locator's on every file of the test corpus and a demo.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

#: A key this module can find by its spelling: plain, ASCII, like every contract field.
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
#: Plain keys YAML reads as something other than text (null, booleans).
_TYPED_KEYS = frozenset({"null", "true", "false"})
#: The first line of a block mapping this module can read: a plain key in column 1.
_FIRST_KEY_LINE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*:(?:[ \r]|\Z)")
_KEY_LINE: dict[str, re.Pattern[str]] = {}


def _key_line(key: str) -> re.Pattern[str]:
    pattern = _KEY_LINE.get(key)
    if pattern is None:
        pattern = _KEY_LINE[key] = re.compile(rf"^{re.escape(key)}:(?=[ \r\n]|\Z)", re.MULTILINE)
    return pattern


def _content(line: str) -> tuple[int, str] | None:
    """(indent, rest) of a line with content; None for a blank or comment-only line."""
    rest = line.lstrip(" ")
    if not rest or rest.startswith("#") or rest == "\r":
        return None
    return len(line) - len(rest), rest.rstrip("\r")


def _after_indicator(rest: str, width: int) -> int | None:
    """Offset within ``rest`` of the value after an indicator of ``width`` characters."""
    tail = rest[width:]
    value = tail.lstrip(" ")
    if not value or value.startswith("#"):
        return None
    return width + len(tail) - len(value)


class TextPositions:
    """Answers :meth:`Locator.locate` for one fast-read document, or None when unsure."""

    def __init__(self, text: str, keys: Collection[Any]) -> None:
        self.text = text
        self.keys = keys  # the document's top-level keys
        self.usable = "\t" not in text and text.count("\r") == text.count("\r\n")
        self._lines: list[str] | None = None
        self._first: tuple[int, str] | None = None  # the first line with content

    def _first_content(self) -> tuple[int, str] | None:
        """(number, text) of the first line with content, found without splitting the text."""
        if self._first is None:
            text, start, number = self.text, 0, 1
            while start < len(text):
                end = text.find("\n", start)
                line = text[start:] if end < 0 else text[start:end]
                if _content(line) is not None:
                    self._first = (number, line.rstrip("\r"))
                    break
                if end < 0:
                    break
                start, number = end + 1, number + 1
        return self._first

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    def _root(self) -> tuple[int, int] | None:
        """Where the root mapping starts, if it is a block mapping this module reads.

        A root written as a flow mapping (``{a: 1, ...}``) may continue its
        values in column 1, which breaks the one-line-per-key reading.
        """
        first = self._first_content()
        if first is None or not _FIRST_KEY_LINE.match(first[1]):
            return None
        return first[0], 1

    def locate(self, loc: tuple[str | int, ...], key: bool = False) -> tuple[int, int] | None:
        if not self.usable:
            return None
        root = self._root()
        if root is None:
            return None
        if not loc:
            return root
        first = loc[0]
        if not isinstance(first, str) or not _PLAIN_KEY.match(first) or len(loc) > 2:
            return None
        if first.lower() in _TYPED_KEYS or f'"{first}"' in self.text or f"'{first}'" in self.text:
            return None  # the key may also be written in quotes or read as null or a boolean
        match = _key_line(first).search(self.text)
        if match is None:
            # a missing field is placed on the document, as the Locator does;
            # a present one we cannot see (a quoted key, say) needs the parser
            return None if first in self.keys else root
        start = match.start()
        key_line = self.text.count("\n", 0, start) + 1
        if key and len(loc) == 1:
            return key_line, 1
        end = self.text.find("\n", start)
        line = self.text[start:] if end < 0 else self.text[start:end]
        value = self._value(key_line, line.rstrip("\r"), len(first) + 1)
        if value is None:
            return None
        value_line, value_col, is_list = value
        if len(loc) == 1:
            return value_line, value_col
        step = loc[1]
        if not isinstance(step, int) or isinstance(step, bool) or step < 0:
            return None  # inside a nested mapping (or counted from the end): the parser knows
        if not is_list and value_line == key_line and self.text_at(value) == "[":
            item = self._flow_item(value_line, value_col - 1, step)
        elif not is_list:
            # a scalar has no items: the Locator stops at the field
            return None if value_line != key_line else ((key_line, 1) if key else value[:2])
        else:
            item = self._item(value_line, value_col - 1, step)
        if item is None:
            return None
        return item if item != (0, 0) else ((key_line, 1) if key else (value_line, value_col))

    def _value(self, key_line: int, line: str, width: int) -> tuple[int, int, bool] | None:
        """(line, col, is a block list) where the value of the key on ``key_line`` starts.

        ``line`` is that line's text: most values start on it, and then the
        document need not be split into lines at all.
        """
        offset = _after_indicator(line, width)
        if offset is not None:
            if line[offset] == "{":
                return None  # a flow mapping: its keys need the parser
            return key_line, offset + 1, False
        for number in range(key_line + 1, len(self.lines) + 1):
            content = _content(self.lines[number - 1])
            if content is None:
                continue
            indent, rest = content
            is_list = rest == "-" or rest.startswith("- ")
            if indent == 0 and not is_list:
                return None  # an empty value: libyaml places it after the colon; ask it
            return number, indent + 1, is_list
        return None

    def text_at(self, where: tuple[int, int, bool]) -> str:
        return self.lines[where[0] - 1][where[1] - 1]

    def _flow_item(self, number: int, start: int, index: int) -> tuple[int, int] | None:
        """Item ``index`` of a one-line flow list of plain values, ``[a, b]``, at ``start``."""
        line = self.lines[number - 1].rstrip("\r")
        end = line.find("]", start)
        inner = line[start + 1 : end]
        tail = line[end + 1 :].strip(" ")
        if end < 0 or any(c in inner for c in "[]{}\"'#&*!?") or (tail and tail[0] != "#"):
            return None  # nested, quoted or unusual: the parser knows
        offset = start + 1
        items: list[int] = []
        for part in inner.split(","):
            value = part.lstrip(" ")
            if value:
                items.append(offset + len(part) - len(value))
            offset += len(part) + 1
        if index >= len(items):
            return 0, 0
        return number, items[index] + 1

    def _item(self, first_line: int, indent: int, index: int) -> tuple[int, int] | None:
        """Where item ``index`` of the block list starting on ``first_line`` starts.

        (0, 0) when the list has fewer items (the caller falls back to the field).
        """
        seen = -1
        for number in range(first_line, len(self.lines) + 1):
            content = _content(self.lines[number - 1])
            if content is None:
                continue
            at, rest = content
            if at > indent:
                continue  # inside the previous item
            if at < indent or not (rest == "-" or rest.startswith("- ")):
                break  # the list has ended
            seen += 1
            if seen == index:
                offset = _after_indicator(rest, 1)
                return None if offset is None else (number, at + offset + 1)
        return 0, 0
