"""Comparing two warehouses: records field by field, problems, indicator figures.

Pure functions of two loaded warehouses and what was computed on them (the
diff use case, app/diff.py, loads the sides and runs the checks and the
indicators), plus :func:`default_base`, which asks git where a pull request
goes. The result types are what `jgsw diff` prints.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Literal

from jgsw_std.history.fields import FieldChange, diff_values, mask_private
from jgsw_std.history.gitrepo import Commit, GitRepo, shallow_error
from jgsw_std.load.records import PRIVATE_BY_KIND
from jgsw_std.load.warehouse import FileEntry, Warehouse
from jgsw_std.metrics.base import MetricResult
from jgsw_std.metrics.registry_figure import Figure
from jgsw_std.model.codes import normalize_code
from jgsw_std.model.indicators import IndicatorSet
from jgsw_std.problems import Problem

RecordChangeKind = Literal["added", "removed", "renamed", "changed"]
_ORDER = {"added": 0, "removed": 1, "renamed": 2, "changed": 3}


@dataclass(frozen=True)
class Side:
    """One side of the comparison: a commit, the working tree, or nothing at all
    (the base of a repository's first commit)."""

    kind: Literal["commit", "worktree", "empty"]
    rev: str  # what was asked for, or how the default base was chosen
    commit: Commit | None = None


@dataclass(frozen=True)
class RecordDiff:
    kind: str  # standard, district, framework, indicators, unknown
    key: str  # code, slug or path: what a person calls the record
    title: str
    change: RecordChangeKind
    path: str  # the head side's path (the base's for a removal)
    old_path: str | None = None  # the base side's path when it moved
    fields: list[FieldChange] = field(default_factory=list)


@dataclass(frozen=True)
class IndicatorDiff:
    indicator_id: int
    metric: str
    before: MetricResult | None
    after: MetricResult | None


@dataclass(frozen=True)
class RegistryDiff:
    """One of the warehouse's own figures (专家库, 信息反馈) that moved."""

    key: str
    before: Figure | None  # None: the base has no such figure (an area added since)
    after: Figure | None

    def label(self, lang: str) -> str:
        either = self.after or self.before
        assert either is not None
        return either.label(lang)

    @property
    def unit(self) -> str:
        either = self.after or self.before
        assert either is not None
        return either.unit


@dataclass
class SemanticDiff:
    base: Side
    head: Side
    as_of: dt.date
    records: list[RecordDiff]
    introduced: list[Problem]
    fixed: list[Problem]
    reworded: list[tuple[Problem, Problem]]  # same finding, same place, new details
    indicators: list[IndicatorDiff]  # only those whose figure or status moved
    indicator_sets: tuple[IndicatorSet | None, IndicatorSet | None]
    unchanged_files: int = 0
    #: area code -> (zh, en) name, in the framework's order (head's, then base's)
    area_names: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: the warehouse's own figures that moved, in the head's order
    registries: list[RegistryDiff] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.records
            or self.introduced
            or self.fixed
            or self.reworded
            or self.indicators
            or self.registries
        )


# -- choosing the base ------------------------------------------------------------


def _default_branches(repo: GitRepo) -> list[str]:
    """Where a pull request goes: CI's target branch, origin's HEAD, main, master."""
    names: list[str] = []
    target = os.environ.get("GITHUB_BASE_REF", "").strip()
    if target:
        names += [f"origin/{target}", target]
    origin_head = (repo.try_git("symbolic-ref", "-q", "refs/remotes/origin/HEAD") or "").strip()
    if origin_head:
        names.append(origin_head.removeprefix("refs/remotes/"))
    names += ["origin/main", "origin/master", "main", "master"]
    return list(dict.fromkeys(names))


def default_base(repo: GitRepo, head_sha: str) -> tuple[str, str]:
    """The merge base with the default branch when there is one, else HEAD~1.

    Like ``git diff $(git merge-base HEAD origin/main)``: on a topic branch that
    is everything the branch changes, uncommitted edits included; on the default
    branch itself it is the uncommitted edits. Returns the commit ("" for the
    empty tree before a first commit) and how it was chosen, for the reader.
    """
    for name in _default_branches(repo):
        tip = repo.try_resolve(name)
        if tip is None:
            continue
        base = repo.merge_base(head_sha, tip)
        if base is not None:
            return base, f"merge-base {name}"
    parent = repo.first_parent(head_sha)
    if parent is not None:
        return parent, "HEAD~1"
    if repo.is_shallow:
        raise shallow_error("jgsw diff 找不到比较基准", "jgsw diff has no base to compare with")
    return "", "(root)"  # the first commit: everything in it is new


# -- records ----------------------------------------------------------------------


def _identity(entry: FileEntry) -> tuple[str, str]:
    """What stays the same when a file moves: a standard's code, a district's slug."""
    data = entry.data
    if isinstance(data, dict):
        if entry.kind == "standard" and isinstance(data.get("code"), str):
            return ("standard", normalize_code(data["code"]))
        if entry.kind == "district" and isinstance(data.get("slug"), str):
            return ("district", data["slug"])
    return ("file", PurePosixPath(entry.rel).name)


def _label(entry: FileEntry) -> tuple[str, str]:
    kind, key = _identity(entry)
    data = entry.data if isinstance(entry.data, dict) else {}
    title = data.get("title") or data.get("name") or ""
    if kind == "file":
        key = entry.rel
    return key, title if isinstance(title, str) else str(title)


def _record(entry: FileEntry, change: RecordChangeKind, **extra: Any) -> RecordDiff:
    key, title = _label(entry)
    return RecordDiff(entry.kind, key, title, change, entry.rel, **extra)


def _fields(old: FileEntry, new: FileEntry) -> list[FieldChange]:
    """What changed in a record; personal data (an expert's contact) masked."""
    private = PRIVATE_BY_KIND.get(new.kind, frozenset()) | PRIVATE_BY_KIND.get(
        old.kind, frozenset()
    )
    return mask_private(diff_values(old.data, new.data), private)


def compare_records(
    base: Warehouse, head: Warehouse
) -> tuple[list[RecordDiff], dict[str, str], int]:
    """Record changes, the base-to-head path map of moved files, and the unchanged count."""
    out: list[RecordDiff] = []
    moved: dict[str, str] = {}
    unchanged = 0
    for rel in base.files.keys() & head.files.keys():
        old, new = base.files[rel], head.files[rel]
        if old.source.data == new.source.data:
            unchanged += 1
            continue
        out.append(_record(new, "changed", fields=_fields(old, new)))
    gone = {_identity(base.files[r]): r for r in sorted(base.files.keys() - head.files.keys())}
    came = {_identity(head.files[r]): r for r in sorted(head.files.keys() - base.files.keys())}
    for ident in gone.keys() & came.keys():
        old, new = base.files[gone.pop(ident)], head.files[came.pop(ident)]
        moved[old.rel] = new.rel
        fields = [] if old.source.data == new.source.data else _fields(old, new)
        out.append(_record(new, "renamed", old_path=old.rel, fields=fields))
    out.extend(_record(base.files[rel], "removed") for rel in gone.values())
    out.extend(_record(head.files[rel], "added") for rel in came.values())
    out.sort(key=lambda r: (_ORDER[r.change], r.kind, r.path))
    return out, moved, unchanged


# -- problems and indicators ------------------------------------------------------


def _problem_key(problem: Problem, moved: dict[str, str]) -> tuple[Any, ...]:
    args = tuple(sorted((k, repr(v)) for k, v in problem.args.items()))
    return (moved.get(problem.path, problem.path), problem.code, problem.loc, args)


def compare_problems(
    base: list[Problem], head: list[Problem], moved: dict[str, str]
) -> tuple[list[Problem], list[Problem], list[tuple[Problem, Problem]]]:
    """(introduced, fixed, reworded): findings on one side only, and findings in the
    same place whose details changed (a district missing two summaries, now one).
    A moved file keeps its findings."""
    before = Counter(_problem_key(p, moved) for p in base)
    after = Counter(_problem_key(p, {}) for p in head)
    introduced, fixed = [], []
    left = after - before
    for problem in head:
        key = _problem_key(problem, {})
        if left[key] > 0:
            left[key] -= 1
            introduced.append(problem)
    gone = before - after
    for problem in base:
        key = _problem_key(problem, moved)
        if gone[key] > 0:
            gone[key] -= 1
            fixed.append(problem)
    reworded: list[tuple[Problem, Problem]] = []
    for new in list(introduced):
        place = _problem_key(new, {})[:3]
        old = next((p for p in fixed if _problem_key(p, moved)[:3] == place), None)
        if old is not None:
            fixed.remove(old)
            introduced.remove(new)
            reworded.append((old, new))
    return introduced, fixed, reworded


def _moved(before: MetricResult | None, after: MetricResult | None) -> bool:
    """The figure (its value or range, its parts) or its status changed."""
    if before is None or after is None:
        return before is not after

    def seen(r: MetricResult) -> tuple[object, ...]:
        return (r.value, r.low, r.high, r.low_parts, r.high_parts, r.numerator, r.status)

    return seen(before) != seen(after)


def compare_indicators(
    old: dict[int, MetricResult], new: dict[int, MetricResult]
) -> list[IndicatorDiff]:
    """The indicators whose figure or status moved, by id, in the head's order."""
    out = []
    for ident in list(new) + [i for i in old if i not in new]:
        before, after = old.get(ident), new.get(ident)
        either = after or before
        if either is not None and _moved(before, after):
            out.append(IndicatorDiff(ident, either.metric, before, after))
    return out


def compare_registries(old: list[Figure], new: list[Figure]) -> list[RegistryDiff]:
    """The registry figures whose value or range (or a rate's parts) moved, as
    :func:`_moved` judges the indicators, in the head's order, then those only the
    base has."""
    before = {f.key: f for f in old}
    after = {f.key: f for f in new}

    def seen(f: Figure) -> tuple[object, ...]:
        return (f.value, f.parts, f.low, f.high, f.low_parts, f.high_parts, f.maybe_empty)

    out = []
    for key in [*after, *(k for k in before if k not in after)]:
        a, b = before.get(key), after.get(key)
        if a is None or b is None or seen(a) != seen(b):
            out.append(RegistryDiff(key, a, b))
    return out
