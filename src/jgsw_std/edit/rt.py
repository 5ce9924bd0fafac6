"""ruamel.yaml round trip, set up once for the warehouse's canonical form.

Settings: YAML 1.2, two-space indentation with list dashes indented under
their key (``reviews:\n  - {...}``), no line wrapping, ``null`` written out.
Dates are kept as text (:class:`DateText`) and never turned into ``date``
objects: a file with ``2021-02-30`` must still load so that `fmt` and
`record` can say what is wrong instead of crashing, and YAML 1.2 itself has
no date type (the editor's language server sees text too).
"""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from typing import TYPE_CHECKING, Any

from jgsw_std.errors import DataError

if TYPE_CHECKING:
    from ruamel.yaml import YAML

TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class DateText(str):
    """A date written plain in the file, kept exactly as written."""

    __slots__ = ()


def flow_node(value: Any) -> Any:
    """``value`` as the round trip writes a field of the canonical form.

    Dates as written, lists and mappings in flow style (``[a, b]``,
    ``{year: 2024, kind: new}``), text quoted only where YAML needs it; what
    the import of a spreadsheet puts into a record, whichever sheet it came from.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    from jgsw_std.edit.quoting import needs_quotes

    if isinstance(value, dt.date):
        return DateText(value.isoformat())
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = flow_node(item)
        node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        seq = CommentedSeq(
            [DoubleQuotedScalarString(v) if needs_quotes(v, flow=True) else v for v in value]
        )
        seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and needs_quotes(value):
        return DoubleQuotedScalarString(value)
    return value


@cache
def yaml() -> YAML:
    """The one configured round-trip YAML instance."""
    from ruamel.yaml import YAML

    instance = YAML(typ="rt")
    instance.indent(mapping=2, sequence=4, offset=2)
    instance.width = 4096  # never fold a long Chinese title onto two lines
    instance.preserve_quotes = False  # fmt decides the quoting (edit.quoting)
    instance.allow_unicode = True

    def construct_date(constructor: Any, node: Any) -> DateText:
        return DateText(node.value)

    def represent_date(representer: Any, data: DateText) -> Any:
        return representer.represent_scalar(TIMESTAMP_TAG, str(data))

    def represent_none(representer: Any, data: None) -> Any:
        return representer.represent_scalar("tag:yaml.org,2002:null", "null")

    instance.constructor.add_constructor(TIMESTAMP_TAG, construct_date)
    instance.representer.add_representer(DateText, represent_date)
    instance.representer.add_representer(type(None), represent_none)
    return instance


def load(text: str, rel: str) -> Any:
    """The round-trip tree of ``text``; a file that does not parse stops the edit."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        return yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
        raise DataError(
            "yaml_syntax",
            zh=f"{rel}:{where}: YAML 无法解析（{exc.problem or exc}），未修改。",
            en=f"{rel}:{where}: not valid YAML ({exc.problem or exc}); left unchanged.",
            hint_zh="先修正该处语法（jgsw check 会给出说明）。",
            hint_en="Fix the syntax there first (jgsw check explains it).",
        ) from None
    except YAMLError as exc:
        raise DataError(
            "yaml_syntax",
            zh=f"{rel}: YAML 无法解析（{exc}），未修改。",
            en=f"{rel}: not valid YAML ({exc}); left unchanged.",
        ) from None
    except RecursionError:  # ruamel composes in Python, one frame per level
        raise DataError(
            "yaml_syntax",
            zh=f"{rel}: YAML 嵌套层数过深，无法解析，未修改。",
            en=f"{rel}: YAML nested too deep to read; left unchanged.",
            hint_zh="先修正该处语法（jgsw check 会给出说明）。",
            hint_en="Fix the syntax there first (jgsw check explains it).",
        ) from None


def dump(tree: Any) -> str:
    out = io.StringIO()
    yaml().dump(tree, out)
    return out.getvalue()
