"""The canonical form of a warehouse file, keeping every comment and blank line.

Canonical means: the modeline first; keys in the order of the data contract;
two-space indentation with list dashes under their key; strings plain unless
quoting is needed, then double-quoted; dates as plain YYYY-MM-DD; ``null``
written out. Flow (``{a: 1}``, ``[a, b]``) and block style are the author's
choice and stay as written: the data contract itself writes short records as
flow mappings, and forcing either style would bury the file's meaning in noise.

Key order is fixed on the text, not on the ruamel tree: ruamel hangs a comment
that sits above a key on whatever came before it, so moving keys in the tree
would move comments to the wrong place. Here a key travels with the comment
lines directly above it, and blank lines stay where they were.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from jgsw_std.edit import rt
from jgsw_std.edit.contract import (
    KIND_MODELS,
    child_model,
    field_info,
    is_date_field,
    sort_keys,
)
from jgsw_std.edit.quoting import needs_quotes, normalize_date
from jgsw_std.errors import DataError
from jgsw_std.load.warehouse import kind_of

MODELINE = "# yaml-language-server: $schema="
_MODELINE_KEY = "# yaml-language-server:"
_BROKEN = object()


def schema_ref(rel: str, kind: str) -> str:
    """Relative path from the file at ``rel`` to ``schemas/<kind>.schema.json`` at the root."""
    return "../" * rel.count("/") + f"schemas/{kind}.schema.json"


def modeline(rel: str, kind: str) -> str:
    return MODELINE + schema_ref(rel, kind)


def fix_modeline(text: str, rel: str, kind: str) -> str:
    """Exactly one right modeline, in the comment block at the top of the file.

    A file without one gets it as its first line. One already in the top comment
    block keeps its place (a header such as the demo's "synthetic data" label may
    come first; the language server finds the line anywhere); stale or misplaced
    ones are replaced.
    """
    lines = text.split("\n")
    wanted = modeline(rel, kind)
    header = 0
    while header < len(lines) and (_is_blank(lines[header]) or _is_comment(lines[header])):
        header += 1
    found = [i for i, line in enumerate(lines) if line.lstrip().startswith(_MODELINE_KEY)]
    if len(found) == 1 and found[0] < header and lines[found[0]] == wanted:
        return text
    kept = [line for i, line in enumerate(lines) if i not in set(found)]
    if kept == [""]:
        kept = [wanted, ""]
    else:
        kept.insert(found[0] if found and found[0] < header else 0, wanted)
    return "\n".join(kept)


# -- key order, on the text ---------------------------------------------------------


def _is_blank(line: str) -> bool:
    return not line.strip()


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _value_end(lines: list[str], last_key_line: int, col: int) -> int:
    """Index after the last content line of the value of the key at ``last_key_line``."""
    last = last_key_line
    for index in range(last_key_line + 1, len(lines)):
        line = lines[index]
        if _is_blank(line) or _is_comment(line):
            continue
        indent = _indent(line)
        stripped = line.strip()
        indentless_item = indent == col and (stripped == "-" or stripped.startswith("- "))
        if indent < col or (indent == col and not indentless_item):
            break
        last = index
    return last + 1


def _comment_head(lines: list[str], key_line: int, floor: int) -> int:
    """First line of the comment block directly above ``key_line`` (no blank line between)."""
    start = key_line
    while start - 1 >= floor and _is_comment(lines[start - 1]):
        start -= 1
    return start


def _reorder_lines(lines: list[str], tree: Any, want: list[str]) -> list[str]:
    keys = list(tree.keys())
    starts = [tree.lc.key(k)[0] for k in keys]
    col = tree.lc.key(keys[0])[1]
    end = _value_end(lines, starts[-1], col)
    heads = [starts[0]] + [
        _comment_head(lines, starts[i], starts[i - 1] + 1) for i in range(1, len(keys))
    ]
    chunks: dict[str, list[str]] = {}
    separators: list[list[str]] = []
    for i, key in enumerate(keys):
        stop = heads[i + 1] if i + 1 < len(keys) else end
        body = lines[heads[i] : stop]
        tail = len(body)
        while tail > 1 and _is_blank(body[tail - 1]):
            tail -= 1
        chunks[key] = body[:tail]
        if i + 1 < len(keys):
            separators.append(body[tail:])
    # In a list item ("- a: 1") the dash belongs to the first line, not to key a.
    first_line = chunks[keys[0]][0]
    prefix = first_line[:col]
    if prefix.strip():
        chunks[keys[0]][0] = " " * col + first_line[col:]
    out: list[str] = []
    for i, key in enumerate(want):
        chunk = list(chunks[key])
        if i == 0 and prefix.strip():
            at = next(j for j, line in enumerate(chunk) if not _is_comment(line))
            chunk[at] = prefix + chunk[at][col:]
        out.extend(chunk)
        if i < len(separators):
            out.extend(separators[i])
    return lines[: heads[0]] + out + lines[end:]


def _first_unordered(node: Any, model: type[BaseModel] | None) -> tuple[Any, list[str]] | None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        keys = list(node)
        if model is not None and all(isinstance(k, str) for k in keys):
            want = sort_keys(keys, model)
            if want != keys and not node.fa.flow_style():
                return node, want
        for key, value in node.items():
            sub = child_model(model, key) if model is not None and isinstance(key, str) else None
            found = _first_unordered(value, sub)
            if found is not None:
                return found
    elif isinstance(node, CommentedSeq):
        for item in node:
            found = _first_unordered(item, model)
            if found is not None:
                return found
    return None


def order_keys(text: str, rel: str, model: type[BaseModel] | None) -> tuple[str, Any]:
    """``text`` with every block mapping's keys in contract order, and its round-trip tree."""
    tree = rt.load(text, rel)
    if not isinstance(tree, dict):  # empty, a list or a scalar: no record's keys to order
        return text, tree
    for _ in range(text.count("\n") + 2):  # each pass settles one mapping for good
        found = _first_unordered(tree, model)
        if found is None:
            break
        node, want = found
        text = "\n".join(_reorder_lines(text.split("\n"), node, want))
        tree = rt.load(text, rel)
    return text, tree


# -- scalars and flow mappings, on the tree -----------------------------------------------


def _canon_date(value: Any) -> Any:
    if isinstance(value, rt.DateText):
        iso = normalize_date(value)
        return rt.DateText(iso) if iso and iso != value else value
    if type(value) is str:
        iso = normalize_date(value)
        if iso is not None:
            return rt.DateText(iso)
    return value


def _canon_text(value: Any, flow: bool, known: bool) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, rt.DateText):
        # a date in a text field is text: quote it so that no reader takes it for a date
        return DoubleQuotedScalarString(str(value)) if known else value
    if type(value) is str and needs_quotes(value, flow):
        return DoubleQuotedScalarString(value)
    return value


def _reorder_flow(node: Any, want: list[str]) -> None:
    keys = list(node.keys())
    if keys == want:
        return
    for key in want:
        node.move_to_end(key)
    old_last, new_last = keys[-1], want[-1]
    if old_last in node.ca.items and old_last != new_last:  # keep a comment where it hangs
        node.ca.items[new_last] = node.ca.items.pop(old_last)


def _canon_node(node: Any, model: type[BaseModel] | None, flow: bool, known: bool) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        inner_flow = flow or bool(node.fa.flow_style())
        keys = list(node.keys())
        if model is not None and node.fa.flow_style() and all(isinstance(k, str) for k in keys):
            _reorder_flow(node, sort_keys(keys, model))
        for key in list(node.keys()):
            value = node[key]
            field_known = model is not None and field_info(model, key) is not None
            if field_known and model is not None and is_date_field(model, key):
                new = _canon_date(value)
            else:
                sub = child_model(model, key) if field_known and model is not None else None
                new = _canon_node(value, sub, inner_flow, field_known or (known and model is None))
            if new is not value:
                node[key] = new
        return node
    if isinstance(node, CommentedSeq):
        inner_flow = flow or bool(node.fa.flow_style())
        for index, item in enumerate(node):
            new = _canon_node(item, model, inner_flow, known)
            if new is not item:
                node[index] = new
        return node
    return _canon_text(node, flow, known)


# -- the whole file ------------------------------------------------------------------------


def _expected(data: Any, model: type[BaseModel] | None) -> Any:
    """What the canonical file must read back as: ``data`` with dates normalized."""
    if isinstance(data, dict):
        out: dict[Any, Any] = {}
        for key, value in data.items():
            if model is not None and isinstance(key, str) and is_date_field(model, key):
                iso = normalize_date(value) if isinstance(value, str) else None
                out[key] = iso or value
            else:
                sub = (
                    child_model(model, key) if model is not None and isinstance(key, str) else None
                )
                out[key] = _expected(value, sub)
        return out
    if isinstance(data, list):
        return [_expected(item, model) for item in data]
    return data


def _reference(text: str, rel: str) -> Any:
    """The data as the reference reader sees it (bounded: a bomb of aliases stops here)."""
    from jgsw_std.load.yamlread import YamlSyntaxError, load

    try:
        return load(text)[0]
    except YamlSyntaxError as exc:
        raise DataError(
            "yaml_syntax",
            zh=f"{rel}:{exc.line}:{exc.col}: YAML 无法解析（{exc.message}），未格式化。",
            en=f"{rel}:{exc.line}:{exc.col}: not valid YAML ({exc.message}); not formatted.",
        ) from None


def canonical_text(text: str, rel: str) -> str:
    """The canonical form of the file at ``rel`` (LF line endings, no BOM).

    Raises DataError when the file cannot be read as YAML, when its top level is
    not a mapping (a list or a lone scalar), and when the result would not read
    back as the same data (a safety net: fmt never changes facts).
    """
    from jgsw_std.load.yamlread import YamlSyntaxError, load

    kind = kind_of(rel)
    model = KIND_MODELS.get(kind)
    if model is None:
        return text
    before: Any = _BROKEN
    if "*" in text:  # aliases: measure the document before the round trip walks it
        before = _reference(text, rel)
    out = fix_modeline(text, rel, kind)
    out, tree = order_keys(out, rel, model)
    if tree is None:
        return out if out.endswith("\n") else out + "\n"
    if not isinstance(tree, dict):  # a list or a lone scalar: not a record, nothing to order
        raise DataError(
            "not_a_mapping",
            zh=f"{rel}: 文件顶层不是“键: 值”映射（如 code: ...），未格式化。",
            en=f"{rel}: the top level of the file is not a mapping (key: value); not formatted.",
            hint_zh="数据文件的顶层应为字段，见 jgsw schema；jgsw check 会给出说明。",
            hint_en="A data file's top level holds its fields (see jgsw schema; "
            "jgsw check explains).",
        )
    _canon_node(tree, model, False, True)
    out = rt.dump(tree)
    if out == text:
        return out  # already canonical: nothing to verify
    if before is _BROKEN:
        before = _reference(text, rel)
    try:
        after, _ = load(out)
    except YamlSyntaxError:  # the emitter got it wrong (it has rare bugs): write nothing
        after = _BROKEN
    if after != _expected(before, model):
        raise DataError(
            "fmt_changed_meaning",
            zh=f"{rel}: 格式化结果与原文件含义不同，为安全起见未修改（这是 jgsw 的缺陷，请反馈）。",
            en=f"{rel}: the formatted file would mean something else; left unchanged "
            "(a bug in jgsw, please report it).",
        )
    return out
