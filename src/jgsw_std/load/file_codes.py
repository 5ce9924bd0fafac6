"""File-level problems found while reading: encoding, YAML syntax, shape, layout."""

from __future__ import annotations

from jgsw_std.problems import Severity
from jgsw_std.problems.catalogue import declare

YAML_SYNTAX = declare(
    "Y001",
    "yaml-syntax",
    Severity.ERROR,
    zh="YAML 语法错误：{detail_zh}",
    en="YAML syntax error: {detail_en}",
    hint_zh="检查该行的缩进、冒号后的空格和引号是否成对。",
    hint_en="Check indentation, the space after each colon and that quotes are paired.",
    doc="""
    The file is not valid YAML, so nothing in it can be checked. The position is
    where the parser gave up; the mistake is often on the line above (a missing
    space after a colon, a tab used for indentation, an unclosed quote).
    """,
)

DUPLICATE_KEY = declare(
    "Y002",
    "duplicate-key",
    Severity.ERROR,
    zh="键 {name} 重复出现（第一次在第 {first_line} 行）；只有第一个值会被读取",
    en="key {name} appears twice (first on line {first_line}); only the first value is read",
    hint_zh="删除或合并重复的键。",
    hint_en="Delete or merge the repeated key.",
    doc="""
    A mapping repeats a key. YAML readers disagree about which value wins, so the
    file means different things to different tools; jgsw keeps the first value
    and reports the repeat at its line.
    """,
)

NOT_MAPPING = declare(
    "Y003",
    "not-a-mapping",
    Severity.ERROR,
    zh="文件内容应是键值映射（如 code: ...），实际是{found_zh}",
    en="the file should hold a mapping (key: value), but holds {found_en}",
    hint_zh="参照 docs/domain.md 的数据约定，每个文件顶层是 字段: 值 的映射。",
    hint_en="Each file's top level is a mapping of field: value, as in the data contract.",
    doc="""
    Every warehouse file is one mapping of field names to values. An empty file,
    a list at the top level or a bare string is reported here.
    """,
)

NOT_UTF8 = declare(
    "Y004",
    "not-utf8",
    Severity.ERROR,
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
    "Y005",
    "unexpected-file",
    Severity.WARNING,
    zh="不认识的文件位置：{file} 不在 standards/ 或 districts/ 下，也不是 framework.yaml 或 "
    "indicators.yaml，未被读取",
    en="unexpected file: {file} is not under standards/ or districts/ and is not "
    "framework.yaml or indicators.yaml; it was not read",
    hint_zh="把标准放在 data/standards/<方面>/，地区放在 data/districts/；专家、资料和反馈分别放在 "
    "data/experts/、data/materials/ 和 data/feedback/<年份>/。",
    hint_en="Standards go in data/standards/<area>/, districts in data/districts/; experts, "
    "materials and feedback in data/experts/, data/materials/ and data/feedback/<year>/.",
    doc="""
    A YAML file under data/ that the warehouse layout does not know. It is
    skipped, so whatever it holds is not counted anywhere. The layout:
    data/standards/<area>/, data/districts/, data/experts/, data/materials/,
    data/feedback/<year>/, data/framework.yaml and data/indicators.yaml.
    """,
)

MISSING_FILE = declare(
    "Y006",
    "missing-file",
    Severity.ERROR,
    zh="缺少必需的文件 {file}",
    en="required file {file} is missing",
    hint_zh="从示例仓复制一份（jgsw demo DIR），再按本单位情况修改。",
    hint_en="Copy one from a demo warehouse (jgsw demo DIR) and adapt it.",
    doc="""
    data/framework.yaml and data/indicators.yaml describe the framework and the
    plan; without them the framework checks and the indicators cannot run.
    """,
)


UNREADABLE = declare(
    "Y007",
    "unreadable-file",
    Severity.ERROR,
    zh="无法读取：{reason_zh}",
    en="cannot read: {reason_en}",
    hint_zh="检查文件权限（chmod）；符号链接须指向存在的文件。",
    hint_en="Check the file's permissions; a symbolic link must point to a file that exists.",
    doc="""
    The file is listed under data/ but the system refuses to read it: no read
    permission, a symbolic link that points to nothing, or links that point to
    each other in a loop. Nothing in it is checked or counted until it can be read.
    """,
)

NOT_REGULAR = declare(
    "Y008",
    "not-a-regular-file",
    Severity.ERROR,
    zh="不是普通文件，未读取：{reason_zh}",
    en="not a regular file; not read: {reason_en}",
    hint_zh="data/ 下的 .yaml 只能是普通文件，或指向标准仓内普通文件的符号链接；删除或替换它。",
    hint_en="A .yaml under data/ must be a regular file, or a symbolic link to one inside the "
    "warehouse; remove or replace it.",
    doc="""
    A name ending in .yaml under data/ is a named pipe (FIFO), a device, a socket,
    or a symbolic link to one of those or to a file outside the warehouse. jgsw
    never reads such a thing: a pipe would wait for ever and a link to
    /dev/zero would never end, so a pull request that adds one cannot stall CI.
    """,
)

TOO_LARGE = declare(
    "Y009",
    "file-too-large",
    Severity.ERROR,
    zh="文件过大（{reason_zh}），未读取",
    en="the file is too large ({reason_en}); not read",
    hint_zh="标准仓的文件通常只有几 KB；确认文件内容。确需更大的上限时设置环境变量 "
    "JGSW_MAX_FILE_BYTES（如 16M）。",
    hint_en="Warehouse files are a few kilobytes; check what this one holds. To allow larger "
    "files, set JGSW_MAX_FILE_BYTES (e.g. 16M).",
    doc="""
    A warehouse file is larger than the limit (4 MiB unless JGSW_MAX_FILE_BYTES
    says otherwise). A standard's file is a few kilobytes; a file this large is
    a mistake or an attack, and reading it would cost memory and time for every
    command. It is not read.
    """,
)

TOO_MANY_VALUES = declare(
    "Y010",
    "too-many-values",
    Severity.ERROR,
    zh="文件展开后的值过多（超过 {limit} 个，多由锚点 &name 与别名 *name 反复引用造成），未读取",
    en="the file expands to more than {limit} values (usually anchors &name and aliases "
    "*name referring to each other); not read",
    hint_zh="不要用别名层层引用；把需要的内容直接写出来。",
    hint_en="Do not nest aliases; write the values out.",
    doc="""
    YAML anchors and aliases let a short file stand for an enormous one (ten
    aliases of ten aliases of ... is ten billion values: a "billion laughs"
    file). jgsw counts the values a document expands to before doing anything
    with it, and refuses a file past the limit instead of running out of time
    and memory.
    """,
)

BAD_NAME = declare(
    "Y011",
    "file-name-not-utf8",
    Severity.ERROR,
    zh="{reason_zh}，未读取（无法解码的字节显示为 �）",
    en="{reason_en}; not read (bytes that do not decode are shown as �)",
    hint_zh="用 UTF-8 的文件名重新命名该文件"
    "（文件名应为标准编号的 slug，如 db50-t-1056-2020.yaml）。",
    hint_en="Rename the file with a UTF-8 name (the slug of its code, e.g. db50-t-1056-2020.yaml).",
    doc="""
    The file's name is not valid UTF-8 (often a GBK name copied from an old
    Windows share). git, the web site and Windows would each show it
    differently, so jgsw does not read it; the name is shown with U+FFFD where
    its bytes do not decode.
    """,
)

# libyaml's messages, in words a bureau's staff will recognize. The original
# English stays in brackets so that a search engine still finds it.
_SYNTAX_ZH: tuple[tuple[str, str], ...] = (
    (
        "cannot start any token",
        "出现不能开始 YAML 内容的字符（常见原因：用了 Tab 缩进，YAML 只能用空格）",
    ),
    ("mapping values are not allowed", "此处不能再出现“键: 值”（值里含“: ”时请给整个值加引号）"),
    ("end of stream", "引号没有闭合"),
    ("could not find expected ':'", "缺少冒号“:”，或上一行的引号没有闭合"),
    ("did not find expected key", "缩进不一致，或列表项缺少“- ”"),
    ("did not find expected '-' indicator", "列表缩进不一致"),
    ("expected a single document", "一个文件只能有一个文档（删去多余的 ---）"),
    ("found duplicate anchor", "锚点（&name）重复"),
    ("found undefined alias", "引用了未定义的锚点（*name）"),
    ("did not find expected ',' or '}'", "花括号 { } 中缺少逗号或右括号"),
    ("did not find expected ',' or ']'", "方括号 [ ] 中缺少逗号或右括号"),
)


def syntax_detail(detail: str) -> dict[str, str]:
    """Message arguments for Y001: a Chinese explanation plus libyaml's own words."""
    for needle, zh in _SYNTAX_ZH:
        if needle in detail:
            return {"detail_zh": f"{zh}（{detail}）", "detail_en": detail}
    return {"detail_zh": detail, "detail_en": detail}
