"""File-level problems found while reading: encoding, YAML syntax, shape, layout."""

from __future__ import annotations

from jgsw_std.problems import Severity
from jgsw_std.rules.registry import declare

YAML_SYNTAX = declare(
    "Y001", "yaml-syntax", Severity.ERROR,
    zh="YAML 语法错误：{detail}",
    en="YAML syntax error: {detail}",
    hint_zh="检查该行的缩进、冒号后的空格和引号是否成对。",
    hint_en="Check indentation, the space after each colon and that quotes are paired.",
    doc="""
    The file is not valid YAML, so nothing in it can be checked. The position is
    where the parser gave up; the mistake is often on the line above (a missing
    space after a colon, a tab used for indentation, an unclosed quote).
    """,
)

DUPLICATE_KEY = declare(
    "Y002", "duplicate-key", Severity.ERROR,
    zh="键 {key} 重复出现（第一次在第 {first_line} 行）；只有第一个值会被读取",
    en="key {key} appears twice (first on line {first_line}); only the first value is read",
    hint_zh="删除或合并重复的键。",
    hint_en="Delete or merge the repeated key.",
    doc="""
    A mapping repeats a key. YAML readers disagree about which value wins, so the
    file means different things to different tools; jgsw keeps the first value
    and reports the repeat at its line.
    """,
)

NOT_MAPPING = declare(
    "Y003", "not-a-mapping", Severity.ERROR,
    zh="文件内容应是键值映射（如 code: ...），实际是 {found}",
    en="the file should hold a mapping (key: value), but holds {found}",
    hint_zh="参照 DOMAIN.md 的数据约定，每个文件顶层是 字段: 值 的映射。",
    hint_en="Each file's top level is a mapping of field: value, as in the data contract.",
    doc="""
    Every warehouse file is one mapping of field names to values. An empty file,
    a list at the top level or a bare string is reported here.
    """,
)

NOT_UTF8 = declare(
    "Y004", "not-utf8", Severity.ERROR,
    zh="文件不是 UTF-8 编码（第 {byte} 字节起无法解码）{guess_zh}",
    en="the file is not UTF-8 (cannot decode from byte {byte}){guess_en}",
    hint_zh="用编辑器另存为 UTF-8，或运行：iconv -f {encoding} -t UTF-8 原文件 > 新文件"
    "（Windows 记事本：另存为 → 编码选 UTF-8）。",
    hint_en="Save it as UTF-8 in your editor, or run: iconv -f {encoding} -t UTF-8 in > out "
    "(Windows Notepad: Save As, Encoding UTF-8).",
    doc="""
    Warehouse files are UTF-8. Files saved by older Windows tools are often GBK
    (GB18030); jgsw says which encoding the bytes look like and how to convert.
    A UTF-8 byte-order mark is accepted.
    """,
)

UNEXPECTED_FILE = declare(
    "Y005", "unexpected-file", Severity.WARNING,
    zh="不认识的文件位置：{path} 不在 standards/ 或 districts/ 下，也不是 framework.yaml 或 "
    "indicators.yaml，未被读取",
    en="unexpected file: {path} is not under standards/ or districts/ and is not "
    "framework.yaml or indicators.yaml; it was not read",
    hint_zh="把标准放在 data/standards/<方面>/，地区放在 data/districts/。",
    hint_en="Standards go in data/standards/<area>/, districts in data/districts/.",
    doc="""
    A YAML file under data/ that the warehouse layout does not know. It is
    skipped, so whatever it holds is not counted anywhere.
    """,
)

MISSING_FILE = declare(
    "Y006", "missing-file", Severity.ERROR,
    zh="缺少必需的文件 {path}",
    en="required file {path} is missing",
    hint_zh="从示例仓复制一份（jgsw demo DIR），再按本单位情况修改。",
    hint_en="Copy one from a demo warehouse (jgsw demo DIR) and adapt it.",
    doc="""
    data/framework.yaml and data/indicators.yaml describe the framework and the
    plan; without them the framework checks and the indicators cannot run.
    """,
)
