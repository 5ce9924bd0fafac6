"""CheckResult: the settled findings of one check, what every writer of findings reads."""

from __future__ import annotations

from dataclasses import dataclass

from jgsw_std.problems import Problem, Severity, sort_problems


@dataclass
class CheckResult:
    problems: list[Problem]
    suppressed: int = 0

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.problems if p.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    def merged(self, other: CheckResult) -> CheckResult:
        """One result from two shares of the same check: every problem once, in order."""
        return CheckResult(
            sort_problems([*self.problems, *other.problems]), self.suppressed + other.suppressed
        )
