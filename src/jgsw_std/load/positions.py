"""Turn a key path inside a YAML document into a line and column.

Only files that have problems pay for this: the happy path never keeps marks.
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from jgsw_std.load.yamlread import YamlSyntaxError, compose, resolve_scalar


def _key_value(node: Node) -> object:
    if isinstance(node, ScalarNode):
        return resolve_scalar(node.value) if not node.style else node.value
    return None


class Locator:
    """Positions inside one document: the file is composed once, then walked per path."""

    def __init__(self, text: str) -> None:
        try:
            self.root: Node | None = compose(text)
        except YamlSyntaxError:
            self.root = None

    def locate(self, loc: tuple[str | int, ...], key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of ``loc``; the deepest existing ancestor if it is absent.

        With ``key=True`` the position of the last mapping key is returned (for
        "unknown field" the key itself is what a person must change).
        """
        node = self.root
        if node is None:
            return 1, 1
        best: tuple[int, int] = (node.start_mark.line + 1, node.start_mark.column + 1)
        for step in loc:
            found: Node | None = None
            key_node: Node | None = None
            if isinstance(node, MappingNode):
                for k, v in node.value:
                    if _key_value(k) == step or (isinstance(step, str) and k.value == step):
                        found, key_node = v, k
                        break
            elif isinstance(node, SequenceNode) and isinstance(step, int):
                found = node.value[step] if 0 <= step < len(node.value) else None
            if found is None:
                return best
            node = found
            target = key_node if (key and key_node is not None) else found
            best = (target.start_mark.line + 1, target.start_mark.column + 1)
        return best


def locate(text: str, loc: tuple[str | int, ...], key: bool = False) -> tuple[int, int]:
    """1-based (line, col) of ``loc`` in ``text`` (see :meth:`Locator.locate`)."""
    return Locator(text).locate(loc, key)
