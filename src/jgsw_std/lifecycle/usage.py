"""What is known about a standard's usage counts (标准综合运用率) for a year.

DOMAIN.md shows a usage entry as ``{year, applying, applicable}`` and marks none
of them required. An entry missing one of them is kept: indicator 10 ("a usage
record for the last full year"), L608 (low usage) and L609 (no usage record)
then cannot tell, so they leave the standard open and name the missing field,
rather than counting the entry as a complete count or as no count at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jgsw_std.lifecycle.known import NO, YES, Fact, Known, maybe
from jgsw_std.model.standard import Usage

if TYPE_CHECKING:
    from jgsw_std.load.warehouse import StandardRecord

#: the numbers a usage count needs: field -> FIELD_WORDS key
NUMBERS: dict[str, str] = {"applying": "usage-applying", "applicable": "usage-applicable"}


def usage_fact(rec: StandardRecord, field: str) -> Fact:
    """The missing ``field`` (a FIELD_WORDS key) of one of the standard's usage entries."""
    return Fact(rec.code, rec.model.title, rec.path, field)


def missing_numbers(rec: StandardRecord, usage: Usage) -> tuple[Fact, ...]:
    """The facts for the numbers the entry lacks (none for a complete count)."""
    return tuple(
        usage_fact(rec, key) for name, key in NUMBERS.items() if getattr(usage, name) is None
    )


def counted_known(rec: StandardRecord, year: int) -> Known:
    """Whether the standard has a complete usage count for ``year``.

    Yes: an entry of that year with both numbers. Open: an entry of that year
    lacking a number, or an entry without its year (it may be that year's).
    """
    facts: list[Fact] = []
    for usage in rec.model.usage:
        if usage.year is None:
            facts += [usage_fact(rec, "usage-year"), *missing_numbers(rec, usage)]
        elif usage.year == year:
            lacking = missing_numbers(rec, usage)
            if not lacking:
                return YES
            facts += lacking
    return maybe(*facts) if facts else NO
