"""Fast YAML reading with YAML 1.2 scalars and duplicate-key detection.

libyaml's C parser builds the node tree; a small converter turns nodes into
Python values. We skip PyYAML's Python constructor and resolver because they
cost twice the time and follow YAML 1.1 (where ``NO`` is false and ``1:20`` is
a number). Here, as in ruamel on write, ``yes``, ``on`` and ``NO`` stay text.
Dates stay text too, so that the schema layer can say "2021-02-30 does not
exist" with a position instead of the reader crashing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from jgsw_std.load.outline import Outline

try:  # libyaml is bundled in PyYAML's wheels; fall back for exotic builds
    from yaml._yaml import CParser as _Parser

    FAST = True
except ImportError:  # pragma: no cover - exercised only without libyaml
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str | bytes) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)

    FAST = False


class _NodeParser(_Parser):
    """Compose nodes without PyYAML's YAML 1.1 resolver: we resolve scalars ourselves."""

    def descend_resolver(self, *args: Any) -> None:
        return None

    def ascend_resolver(self, *args: Any) -> None:
        return None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return ""


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_SPECIAL_FLOATS = {
    ".inf": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".Inf": float("inf"),
    "+.Inf": float("inf"),
    "-.Inf": float("-inf"),
    ".INF": float("inf"),
    "+.INF": float("inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}


# First characters that can start a non-text plain scalar; anything else is text.
# Checking one character first skips the regexes for most keys and values.
_MAYBE_TYPED = frozenset("0123456789+-.~nNtTfF")


#: Python turns at most this many digits into an integer (sys.get_int_max_str_digits;
#: more would cost time quadratic in the length).
_MAX_INT_DIGITS = 4000


def _int(value: str) -> int:
    """The integer written ``value``; one too long to convert is kept as a number of
    more than :data:`_MAX_INT_DIGITS` digits (every bound in the models refuses it)."""
    if len(value) - (value[0] in "+-") <= _MAX_INT_DIGITS:
        return int(value)
    huge: int = 10**_MAX_INT_DIGITS
    return -huge if value.startswith("-") else huge


def resolve_scalar(value: str) -> Any:
    """Resolve a plain scalar per the YAML 1.2 core schema."""
    if not value:
        return None
    first = value[0]
    if first not in _MAYBE_TYPED:
        return value
    if value in _NULLS:
        return None
    if first in "0123456789+-.":
        if value.isdigit() and value.isascii():  # the common whole number, no regex
            return _int(value)
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            return value  # a date: text for the schema layer (dates outnumber numbers here)
        if _INT.match(value):
            return _int(value)
        if _FLOAT.match(value):
            return float(value)
        if first == "0":
            # powers of two convert in linear time, but the result must still be
            # printable: past 4,300 decimal digits Python refuses repr() (and
            # pydantic's error for it would go to stderr as an unraisable error)
            if _OCT.match(value):
                return int(value[2:], 8) if len(value) <= 3000 else _int("9" * 4001)
            if _HEX.match(value):
                return int(value[2:], 16) if len(value) <= 3000 else _int("9" * 4001)
        special = _SPECIAL_FLOATS.get(value)
        if special is not None:
            return special
        return value
    boolean = _BOOLS.get(value)
    return value if boolean is None else boolean


@dataclass(frozen=True, slots=True)
class DuplicateKey:
    key: str
    line: int  # 1-based, of the repeated key
    col: int
    first_line: int


class YamlSyntaxError(Exception):
    #: the problem code the loader reports (Y001; Y010 for TooManyValues)
    code = "Y001"

    def __init__(self, message: str, line: int, col: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


class TooManyValues(YamlSyntaxError):
    """Anchors and aliases make the document stand for more values than any file holds."""

    code = "Y010"


#: Most values a document may expand to through aliases. A large framework has a
#: few thousand; a "billion laughs" file has ten billion. Counting costs one step
#: per distinct node, never one per expanded value.
MAX_EXPANDED = 100_000


def _scalar(node: ScalarNode) -> Any:
    value = node.value
    # Quoted and block scalars are always text; so is a plain scalar whose first
    # character cannot start a number, null or boolean (most keys and values).
    if node.style or (value and value[0] not in _MAYBE_TYPED):
        return value
    return resolve_scalar(value)


#: Deeper collections are a syntax error. No warehouse file nests more than a few
#: levels; the limit keeps the converter's recursion far from Python's (1,000
#: frames), whatever nesting limit the installed libyaml has (PyYAML 6.0.4's
#: is 1,000 and earlier ones have none).
MAX_DEPTH = 500


def _convert(node: Node, dups: list[DuplicateKey], memo: dict[int, Any], depth: int = 0) -> Any:
    """Node tree to plain values. Hot path: one call per collection, scalars inline."""
    cls = node.__class__
    if cls is ScalarNode:
        return _scalar(cast(ScalarNode, node))
    if depth > MAX_DEPTH:
        line, col = _mark(node)
        raise YamlSyntaxError(f"nested more than {MAX_DEPTH} levels deep", line, col)
    depth += 1
    known = memo.get(id(node))
    if known is not None:  # an alias: reuse, never expand twice
        return known
    if cls is MappingNode:
        out: dict[Any, Any] = {}
        memo[id(node)] = out
        for key_node, value_node in node.value:
            key = (
                _scalar(key_node)
                if key_node.__class__ is ScalarNode
                else str(_convert(key_node, dups, memo, depth))
            )
            if key in out:
                first = next(k for k, _ in node.value if _convert(k, [], {}) == key)
                dups.append(
                    DuplicateKey(
                        str(key),
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        first.start_mark.line + 1,
                    )
                )
                continue  # the first occurrence wins, as a person reading top-down expects
            out[key] = (
                _scalar(value_node)
                if value_node.__class__ is ScalarNode
                else _convert(value_node, dups, memo, depth)
            )
        return out
    if cls is SequenceNode:
        seq: list[Any] = []
        memo[id(node)] = seq
        for child in node.value:
            seq.append(
                _scalar(child)
                if child.__class__ is ScalarNode
                else _convert(child, dups, memo, depth)
            )
        return seq
    return None


def compose(text: str | bytes) -> Node | None:
    """The node tree of a single-document stream (raises YamlSyntaxError)."""
    parser = _NodeParser(text)
    try:
        node: Node | None = parser.get_single_node()
        return node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote: point where it opened
        line = mark.line + 1 if mark else 1
        col = mark.column + 1 if mark else 1
        detail = exc.problem or str(exc)
        if exc.context:
            detail = f"{exc.context}; {detail}"
        raise YamlSyntaxError(detail, line, col) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc), 1, 1) from None
    except RecursionError:  # only PyYAML's pure-Python composer recurses in Python
        raise YamlSyntaxError(f"nested more than {MAX_DEPTH} levels deep", 1, 1) from None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()


def _mark(node: Node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def _outline(root: Node) -> Outline:
    """Positions of the top-level keys and their children, from marks libyaml already made.

    Most problems point at a top-level field or one level below; keeping these
    few marks while parsing makes placing them a lookup instead of a second parse.
    """
    line, col = _mark(root)
    table: dict[Any, tuple[int, int, int, int, Any]] = {}
    if isinstance(root, MappingNode):
        for key_node, value_node in root.value:
            if key_node.__class__ is not ScalarNode:
                continue
            key = _scalar(key_node)
            if key in table:
                continue  # the first occurrence wins, as in the data
            children: Any = None
            if value_node.__class__ is SequenceNode:
                children = tuple(_mark(item) for item in value_node.value)
            elif value_node.__class__ is MappingNode:
                children = {}
                for k, v in value_node.value:
                    if k.__class__ is ScalarNode:
                        children.setdefault(_scalar(k), (*_mark(k), *_mark(v)))
            table[key] = (*_mark(key_node), *_mark(value_node), children)
    return line, col, table


def load(text: str | bytes) -> tuple[Any, list[DuplicateKey]]:
    """Parse one document into plain Python values; report repeated keys."""
    data, dups, _ = load_with_outline(text)
    return data, dups


def _expanded_size(node: Node, sizes: dict[int, int]) -> int:
    """How many values ``node`` stands for with every alias written out (capped)."""
    if node.__class__ is ScalarNode:
        return 1
    known = sizes.get(id(node))
    if known is not None:
        return known
    total = 1
    children: list[Node] = (
        [n for pair in node.value for n in pair]
        if node.__class__ is MappingNode
        else list(node.value)
    )
    for child in children:
        total += _expanded_size(child, sizes)
        if total > MAX_EXPANDED:
            break
    sizes[id(node)] = total
    return total


def load_with_outline(text: str | bytes) -> tuple[Any, list[DuplicateKey], Outline | None]:
    """:func:`load`, plus where the document's top two levels start.

    A document with aliases (``*name``) is measured first: past
    :data:`MAX_EXPANDED` values it raises :class:`TooManyValues` before any
    value is built or walked.
    """
    node = compose(text)
    if node is None:
        return None, [], None
    dups: list[DuplicateKey] = []
    data = _convert(node, dups, {})  # depth-checked, so the size walk below stays shallow
    has_alias = ("*" in text) if isinstance(text, str) else (b"*" in text)
    if has_alias and _expanded_size(node, {}) > MAX_EXPANDED:
        line, col = _mark(node)
        raise TooManyValues(f"aliases expand to more than {MAX_EXPANDED} values", line, col)
    return data, dups, _outline(node)
