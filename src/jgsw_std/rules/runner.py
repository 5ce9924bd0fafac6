"""Run the checks: loader problems plus the chosen rules, then settle them.

Settling is the same for every command: severity overrides, select/ignore,
positions, and suppression comments in the files. How the work is split
between processes is the caller's business (app/check): the runner runs
whatever rules it is given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from jgsw_std.load import places_cache
from jgsw_std.load.warehouse import Warehouse
from jgsw_std.problems import Problem, Severity, sort_problems
from jgsw_std.problems.catalogue import CATALOGUE
from jgsw_std.problems.result import CheckResult
from jgsw_std.rules.registry import RULES, CheckContext, Rule, ensure_loaded

_SUPPRESS = re.compile(
    r"#\s*jgsw:\s*disable(?P<file>-file)?=(?P<codes>[A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)"
)


@dataclass
class CheckOptions:
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    severity: dict[str, str] = field(default_factory=dict)  # code/prefix -> level|off


def _matches(code: str, patterns: Iterable[str]) -> bool:
    return any(code.startswith(p.strip().upper()) for p in patterns if p.strip())


def require_known_codes(patterns: list[str], option: str) -> list[str]:
    """The patterns, if each names a code or a prefix of one; else stop the run.

    A misspelt ``--select`` would otherwise match nothing and turn the check
    off without a word, in CI of all places.
    """
    ensure_loaded()
    unknown = [p for p in patterns if not any(c.startswith(p.strip().upper()) for c in CATALOGUE)]
    if unknown:
        from jgsw_std.errors import UsageError

        raise UsageError(
            "unknown_code",
            zh=f"{option} 中的 {', '.join(unknown)} 不是任何检查代码或代码前缀。",
            en=f"{option}: {', '.join(unknown)} matches no problem code or prefix.",
            hint_zh="jgsw explain 列出全部代码。",
            hint_en="jgsw explain lists every code.",
        )
    return patterns


def _override(code: str, table: dict[str, str]) -> str | None:
    """The most specific override: full code beats family prefix."""
    matching = [(p.strip().upper(), level) for p, level in table.items()]
    matching = [(p, level) for p, level in matching if code.startswith(p)]
    if not matching:
        return None
    _, level = max(matching, key=lambda pair: len(pair[0]))
    return level.strip().lower()


def _suppressions(text: str) -> tuple[dict[int, set[str]], set[str]]:
    by_line: dict[int, set[str]] = {}
    whole: set[str] = set()
    if "jgsw:" not in text:
        return by_line, whole
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _SUPPRESS.finditer(line):
            codes = {c.strip().upper() for c in match["codes"].split(",") if c.strip()}
            if match["file"]:
                whole |= codes
            else:
                by_line.setdefault(number, set()).update(codes)
    return by_line, whole


def settle(wh: Warehouse, problems: list[Problem], options: CheckOptions) -> CheckResult:
    """Apply overrides and filters, place, drop suppressed, sort."""
    kept: list[Problem] = []
    # one decision per code, not per problem: a large warehouse has thousands of each
    decided: dict[str, tuple[bool, str | None]] = {}
    for problem in problems:
        decision = decided.get(problem.code)
        if decision is None:
            code = problem.code
            keep = not (options.select and not _matches(code, options.select)) and not (
                options.ignore and _matches(code, options.ignore)
            )
            level = _override(code, options.severity) if keep else None
            decision = decided[code] = (keep and level != "off", level)
        keep, level = decision
        if not keep:
            continue
        # a possible finding stays info: an override may turn it off, not up
        if level in ("error", "warning", "info") and not problem.args.get("possible"):
            problem = problem.with_severity(Severity(level))
        kept.append(problem)
    suppressed = 0
    final: list[Problem] = []
    by_path: dict[str, list[Problem]] = {}
    for problem in kept:
        by_path.setdefault(problem.path, []).append(problem)
    # File by file, so that one decoded text at a time is held (placing and the
    # suppression comments both read it): a 50,000-standard warehouse's texts
    # together took about 40 MB. What a blob's text answered is kept between
    # runs (load/places_cache.py): an unchanged file is not read again. Those
    # answers are fetched and saved a slice of files at a time, for memory too.
    groups = list(by_path.items())
    for start in range(0, len(groups), PLACES_SLICE):
        found, silenced = _settle_files(wh, groups[start : start + PLACES_SLICE])
        final.extend(found)
        suppressed += silenced
    return CheckResult(sort_problems(final), suppressed)


#: Files whose places are fetched from the cache together (see settle).
PLACES_SLICE = 4096


def _settle_files(
    wh: Warehouse, groups: list[tuple[str, list[Problem]]]
) -> tuple[list[Problem], int]:
    """The placed problems of some files, less those their suppression comments silence."""
    blobs = {path: _blob_of(wh, path) for path, _ in groups}
    known = places_cache.fetch(blob for blob in blobs.values() if blob is not None)
    learnt: dict[str, places_cache.Places] = {}
    final: list[Problem] = []
    suppressed = 0
    for path, group in groups:
        blob = blobs[path]
        places = known.get(blob) if blob is not None else None
        fresh = places is None
        if places is None:
            places = (*_suppressions(wh.text_of(path) or ""), {})
        by_line, whole, spots = places
        placed, grew = _place(wh, group, spots)
        wh.forget_texts()
        if blob is not None and (fresh or grew):
            learnt[blob] = places
        for problem in placed:
            if whole or by_line:  # most files carry no suppression comment at all
                codes = whole | by_line.get(problem.line, set())
                if problem.code in codes or "ALL" in codes:
                    suppressed += 1
                    continue
            final.append(problem)
    places_cache.save(learnt)
    return final, suppressed


def _blob_of(wh: Warehouse, path: str) -> str | None:
    """The blob id of the file ``path`` names, when it has one (the key of its places)."""
    entry = wh.files.get(path)
    return entry.source.blob if entry is not None else None


def _place(
    wh: Warehouse, group: list[Problem], spots: dict[places_cache.Spot, tuple[int, int]]
) -> tuple[list[Problem], bool]:
    """``group`` (one file's problems) placed, from ``spots`` where it knows the place.

    The others are placed by the warehouse and their places added to ``spots``;
    the flag says whether any was.
    """
    placed = list(group)
    todo: list[int] = []
    for index, problem in enumerate(group):
        if problem.line != 0:
            continue
        spot = _spot(problem)
        where = spots.get(spot) if spot is not None else None
        if where is None:
            todo.append(index)
        else:
            placed[index] = problem.with_position(*where)
    if not todo:
        return placed, False
    for index, problem in zip(todo, wh.place([group[i] for i in todo]), strict=True):
        placed[index] = problem
        spot = _spot(problem)
        if problem.line != 0 and spot is not None:
            spots[spot] = (problem.line, problem.col)
    return placed, True


def _spot(problem: Problem) -> places_cache.Spot | None:
    """What a problem's place is kept under; None for a key path that cannot be kept."""
    spot = (tuple(problem.loc), bool(problem.key))
    try:
        hash(spot)
    except TypeError:  # a key path holding something unhashable: placed afresh each time
        return None
    return spot


def select_rules(only: Sequence[str] = ()) -> list[Rule]:
    """The registered checks, limited to codes starting with one of ``only`` when given."""
    ensure_loaded()
    return [
        r for r in RULES.values() if r.check is not None and (not only or _matches(r.code, only))
    ]


def run_rules(rules: Sequence[Rule], wh: Warehouse, ctx: CheckContext) -> list[Problem]:
    """Every finding of ``rules``, unsettled (no overrides, positions or suppressions yet)."""
    out: list[Problem] = []
    for rule_ in rules:
        out.extend(rule_(wh, ctx))
    return out


def run_checks(
    wh: Warehouse, ctx: CheckContext, options: CheckOptions | None = None
) -> CheckResult:
    """The loader's problems and every selected rule's findings, settled."""
    options = options or CheckOptions()
    problems = [*wh.problems, *run_rules(select_rules(options.select), wh, ctx)]
    return settle(wh, problems, options)
