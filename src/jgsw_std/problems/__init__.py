"""Problem: the one currency of findings.

Every check, whether it validates one file or looks across the whole warehouse,
returns Problems. They are values, never exceptions, so one bad file never hides
the others. Lines and columns are 1-based; 0 means "the whole file".
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about the warehouse.

    ``path`` is relative to the warehouse root with forward slashes (the form git
    and CI annotations use). ``loc`` is the key path inside the YAML document that
    the problem is about; the loader turns it into ``line`` and ``col`` lazily, only
    for files that have problems. ``args`` fill the code's message template.
    """

    path: str
    code: str
    severity: Severity
    args: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    line: int = 0
    col: int = 0
    loc: tuple[str | int, ...] = ()
    key: bool = False  # point at the key rather than the value

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.code)

    def with_position(self, line: int, col: int) -> Problem:
        return Problem(
            self.path, self.code, self.severity, self.args, line, col, self.loc, self.key
        )

    def with_severity(self, severity: Severity) -> Problem:
        return Problem(
            self.path, self.code, severity, self.args, self.line, self.col, self.loc, self.key
        )

    def to_plain(self) -> PlainProblem:
        """A tuple of plain values: several times cheaper to send between processes."""
        return (
            self.path, self.code, self.severity.value, self.args,
            self.line, self.col, self.loc, self.key,
        )  # fmt: skip

    @staticmethod
    def from_plain(plain: PlainProblem) -> Problem:
        path, code, severity, args, line, col, loc, key = plain
        return Problem(path, code, _SEVERITIES[severity], args, line, col, loc, key)

    def message(self, lang: str = "zh") -> str:
        from jgsw_std.problems.catalogue import render_message

        return render_message(self, lang)

    def hint(self, lang: str = "zh") -> str:
        from jgsw_std.problems.catalogue import render_hint

        return render_hint(self, lang)

    def fingerprint(self) -> str:
        """A stable id for CI tools: same problem in the same place, same print."""
        import hashlib

        where = "/".join(str(p) for p in self.loc)
        basis = f"{self.path}|{self.code}|{where}|{sorted(self.args.items())!r}"
        return hashlib.sha1(basis.encode("utf-8", "replace")).hexdigest()


PlainProblem = tuple[str, str, str, dict[str, Any], int, int, tuple[str | int, ...], bool]
_SEVERITIES = {severity.value: severity for severity in Severity}


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)
