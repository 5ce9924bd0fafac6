"""Quality (family Q): likely duplicates, citations of obsolete standards, low evaluation scores."""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from jgsw_std.lifecycle.state import state_at
from jgsw_std.load import memo_cache
from jgsw_std.load.warehouse import StandardRecord, Warehouse
from jgsw_std.problems import Problem, Severity
from jgsw_std.rules.registry import CheckContext, declare_threshold, rule

SIMILARITY = declare_threshold(
    "duplicate_similarity",
    zh="标题相似度达到多少（0-1）视为可能重复，默认 0.8",
    en="title similarity (0-1) from which two standards are likely duplicates; default 0.8",
)
SCORE_FLOOR = declare_threshold(
    "evaluation_score_floor",
    zh="实施效果评价得分低于多少需要关注，默认 60",
    en="effect evaluation score below which a standard is reported; default 60",
)
DEFAULT_SIMILARITY = 0.8
DEFAULT_SCORE_FLOOR = 60.0

# Words that say what kind of document a standard is, or whose it is, rather
# than what it is about: two titles that differ only in these are the same topic.
# Longer words first, so that 党政机关 goes before 机关.
COMMON_WORDS: tuple[str, ...] = (
    "党政机关",
    "机关事务",
    "重庆市",
    "标准化",
    "规范",
    "标准",
    "指南",
    "规程",
    "要求",
    "导则",
    "通则",
    "细则",
    "规定",
    "办法",
    "管理",
    "技术",
    "机关",
)
_COMMON = re.compile("|".join(re.escape(w) for w in COMMON_WORDS))
_NOT_WORD = re.compile(r"[\W_]+")
_PART = re.compile(r"第\s*([0-9一二三四五六七八九十百]+)\s*部分")


def normalize_title(title: str) -> str:
    """Full-width to half-width, lower case, punctuation and common words removed.

    `《党政机关物业管理服务规范》` and `机关物业服务 指南` both become `物业管理服务`
    minus the common words, so that only the subject is compared.
    """
    text = unicodedata.normalize("NFKC", title).lower()
    if "部分" in text:
        text = _PART.sub(" ", text)  # part numbers are compared separately
    return _COMMON.sub("", _NOT_WORD.sub("", text))


#: Titles are compared on their first characters only: the model bounds a title
#: (model.base.MAX_TEXT), and this keeps any caller's text from costing more.
MAX_GRAM_CHARS = 1000


def title_grams(norm: str) -> frozenset[str]:
    """Character bigrams; a one-character title is its own gram."""
    norm = norm[:MAX_GRAM_CHARS]
    grams = frozenset(map(str.__add__, norm, norm[1:]))
    return grams or (frozenset((norm,)) if norm else frozenset())


def part_number(title: str) -> str | None:
    match = _PART.search(unicodedata.normalize("NFKC", title))
    return match.group(1) if match else None


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b|; 0 for two empty sets."""
    if not a and not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


@dataclass(frozen=True)
class DuplicatePair:
    later: StandardRecord
    earlier: StandardRecord
    similarity: float
    others: int  # further earlier standards at or above the threshold


def _linked(a: StandardRecord, b: StandardRecord) -> bool:
    """One replaces the other: a revision keeps its predecessor's title on purpose."""
    ma, mb = a.model, b.model
    return (
        ma.superseded_by == b.code
        or mb.superseded_by == a.code
        or b.code in ma.supersedes
        or a.code in mb.supersedes
    )


TitleKey = tuple[str, str]  # (normalized title, part number or "")


def similar_keys(keys: list[TitleKey], threshold: float) -> dict[int, list[tuple[int, float]]]:
    """For each distinct title, the other distinct titles at or above ``threshold``.

    Similarity is the Jaccard index of character bigrams. Instead of comparing
    every pair, titles are compared only when they share a rare bigram (the
    prefix filter of all-pairs similarity joins): with each title's bigrams
    sorted from rarest to commonest and titles taken from the shortest, two
    titles x and y (|y| <= |x|) with similarity at least t share a bigram among
    the first |x| - ceil(t|x|) + 1 of x and the first |y| - ceil(2t/(1+t)|y|) + 1
    of y, since they must share at least t/(1+t)(|x| + |y|) bigrams. A size
    bound prunes the rest before any two sets are intersected. Different parts
    of one multi-part standard are never similar.
    """
    grams = [title_grams(norm) for norm, _ in keys]
    freq: dict[str, int] = {}
    for gs in grams:
        for g in gs:
            freq[g] = freq.get(g, 0) + 1
    # one global order, rarest first (ties by the gram itself), as the filter requires
    rank = {g: r for r, g in enumerate(sorted(freq, key=lambda g: (freq[g], g)))}
    index: dict[str, list[int]] = {}
    near: dict[int, list[tuple[int, float]]] = {}
    # the small epsilon keeps 0.8 * 5 = 4.000000000000001 from shortening a prefix
    eps = 1e-9
    mid = 2 * threshold / (1 + threshold)
    for i in sorted(range(len(grams)), key=lambda k: len(grams[k])):
        gs = grams[i]
        if not gs:
            continue
        size = len(gs)
        ordered = sorted(gs, key=rank.__getitem__)
        candidates: set[int] = set()
        for g in ordered[: size - math.ceil(threshold * size - eps) + 1]:
            posting = index.get(g)
            if posting is not None:
                candidates.update(posting)
        for g in ordered[: size - math.ceil(mid * size - eps) + 1]:
            index.setdefault(g, []).append(i)
        # sizes and overlaps are whole numbers: compare them with whole bounds
        shortest = math.ceil(threshold * size - eps)
        part = keys[i][1]
        for j in candidates:
            other = grams[j]
            if len(other) < shortest or (part and keys[j][1] and part != keys[j][1]):
                continue
            inter = len(gs & other)
            union = size + len(other) - inter
            sim = inter / union
            if inter >= math.ceil(threshold * union - eps):
                near.setdefault(i, []).append((j, sim))
                near.setdefault(j, []).append((i, sim))
    return near


def find_duplicates(records: Iterable[StandardRecord], threshold: float) -> list[DuplicatePair]:
    """Each standard paired with its most similar earlier (by path) standard of its area.

    Standards are blocked by area; within an area identical normalized titles
    are grouped first, so that the similarity join runs on distinct titles only.
    """
    by_area: dict[str, list[StandardRecord]] = {}
    replacing: set[str] = set()  # codes in a supersession, the only ones _linked can match
    for rec in records:
        by_area.setdefault(rec.model.area or "", []).append(rec)
        if rec.model.superseded_by or rec.model.supersedes:
            replacing.add(rec.code)
            replacing.update(rec.model.supersedes)
            if rec.model.superseded_by:
                replacing.add(rec.model.superseded_by)
    areas = list(by_area.values())
    for recs in areas:
        recs.sort(key=lambda r: r.path)
    # An area's pairs depend on exactly these inputs: kept by their digest, so
    # a run with one title changed compares the standards of that area only.
    keys = [_area_key(recs, threshold, replacing) for recs in areas] if memo_cache.enabled() else []
    kept = memo_cache.fetch(key for key in keys if key is not None)
    learnt: dict[str, list[tuple[int, int, float, int]]] = {}
    found: list[DuplicatePair] = []
    for index, recs in enumerate(areas):
        key = keys[index] if keys else None
        pairs = kept.get(key) if key is not None else None
        if pairs is None:
            pairs = list(_area_duplicates(recs, threshold, replacing))
            if key is not None:
                learnt[key] = pairs
        found.extend(DuplicatePair(recs[a], recs[b], sim, more) for a, b, sim, more in pairs)
    memo_cache.save(learnt)
    return found


def _area_key(recs: list[StandardRecord], threshold: float, replacing: set[str]) -> str | None:
    """Everything _area_duplicates reads of an area's standards (in path order)."""
    read = [(r.path, r.code, r.model.title, r.model.superseded_by) for r in recs]
    links = [((*r.model.supersedes,), r.code in replacing) for r in recs]
    return memo_cache.digest("rules.quality._area_duplicates", (threshold, read, links))


def _area_duplicates(
    recs: list[StandardRecord], threshold: float, replacing: set[str]
) -> Iterator[tuple[int, int, float, int]]:
    """Each later standard's most similar earlier one: (its index, that one's, similarity,
    how many more are similar), indexes into ``recs``."""
    groups: dict[TitleKey, list[int]] = {}  # key -> positions in recs, in path order
    for position, rec in enumerate(recs):
        title = rec.model.title
        key = (normalize_title(title), (part_number(title) or "") if "部分" in title else "")
        groups.setdefault(key, []).append(position)
    keys = list(groups)
    near = similar_keys(keys, threshold)
    for k, key in enumerate(keys):
        similar = near.get(k)
        members = groups[key]
        if not key[0] or (len(members) == 1 and not similar):
            continue  # nothing left to compare, or a title like no other: the common case
        others = [(groups[keys[j]], sim) for j, sim in similar or ()]
        for rank, position in enumerate(members):
            rec = recs[position]
            check_links = rec.code in replacing
            best: tuple[float, int] | None = None
            count = 0
            for pool, sim in ((members[:rank], 1.0), *others):
                # pools are in path order: only earlier standards count
                for m in pool[: bisect.bisect_left(pool, position)]:
                    if check_links and recs[m].code in replacing and _linked(rec, recs[m]):
                        continue
                    count += 1
                    if best is None or sim > best[0]:
                        best = (sim, m)
            if best is not None:
                yield position, best[1], best[0], count - 1


def _current(wh: Warehouse, rec: StandardRecord, ctx: CheckContext) -> bool:
    """Not repealed or superseded on the as-of date (planned ones count: 重复建设 starts there)."""
    return ctx.at.state(rec) not in ("repealed", "superseded")


@rule(
    "Q701",
    "likely-duplicate",
    Severity.WARNING,
    zh="标题与 {other}《{other_title}》（{other_path}）高度相似（相似度 {similarity}），"
    "可能重复建设{more_zh}",
    en='the title is very close to {other} "{other_title}" ({other_path}), similarity '
    "{similarity}: likely a duplicate{more_en}",
    hint_zh="比较两项标准的范围：重复的合并或废止一项；确属不同主题的，可在本行加注释 "
    "# jgsw: disable=Q701 说明理由。",
    hint_en="Compare their scopes: merge or repeal one if they overlap; if they are different, "
    "add # jgsw: disable=Q701 with the reason on this line.",
)
def likely_duplicate(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """Two current standards of the same area have near-identical titles (重复建设).

    Titles are compared after normalizing: full-width characters, punctuation,
    part numbers and words that name the kind of document rather than its
    subject (规范, 标准, 指南, 规程, 要求, 机关, ...) are removed; what remains
    is compared by character bigrams (Jaccard similarity). Pairs at or above
    `duplicate_similarity` (default 0.8) are reported on the later file (by
    path), naming its most similar earlier standard. A standard and the one it
    supersedes, and different parts of a multi-part standard, are not
    duplicates. Repealed and superseded standards are left out.
    """
    states = ctx.at.states
    records = [r for r in wh.standards if states[r.path] not in ("repealed", "superseded")]
    yield from _duplicate_problems(records, ctx)


def likely_duplicates_in(
    wh: Warehouse, ctx: CheckContext, areas: Collection[str]
) -> Iterator[Problem]:
    """Q701's findings about the standards of ``areas`` (``""``: those with no area).

    They are exactly those of a whole run: a standard is compared with the
    standards of its own area only, and whether two are linked by a
    supersession is asked of the two (the set of codes in supersessions only
    spares asking; the area's own records put both codes of any such link in
    it). Used when only titles or areas changed (rules/reuse.py), so that the
    other areas' findings are kept.
    """
    records = [
        r
        for r in wh.standards
        if (r.model.area or "") in areas
        and state_at(wh, r, ctx.as_of) not in ("repealed", "superseded")
    ]
    yield from _duplicate_problems(records, ctx)


def _duplicate_problems(records: list[StandardRecord], ctx: CheckContext) -> Iterator[Problem]:
    threshold = ctx.threshold(SIMILARITY, DEFAULT_SIMILARITY)
    for pair in find_duplicates(records, threshold):
        yield likely_duplicate.problem(
            pair.later.path,
            ("title",),
            other=pair.earlier.code,
            other_title_zh=pair.earlier.model.title,
            other_title_en=pair.earlier.model.title_en or pair.earlier.model.title,
            other_path=pair.earlier.path,
            similarity=f"{pair.similarity:.2f}",
            more_zh=f"；另有 {pair.others} 项标准也相似" if pair.others else "",
            more_en=f"; {pair.others} more are similar" if pair.others else "",
        )


def _successor_chain(wh: Warehouse, rec: StandardRecord) -> StandardRecord | None:
    """The last standard reached by following superseded_by (cycles stop the walk)."""
    seen = {rec.code}
    current = rec
    while current.model.superseded_by:
        nxt = wh.standard(current.model.superseded_by)
        if nxt is None or nxt.code in seen:
            break
        seen.add(nxt.code)
        current = nxt
    return current if current is not rec else None


@rule(
    "Q702",
    "cites-obsolete-standard",
    Severity.WARNING,
    zh="引用的 {code} 已{state_zh}{successor_zh}",
    en="cites {code}, which is {state_en}{successor_en}",
    hint_zh="{fix_zh}",
    hint_en="{fix_en}",
)
def cites_obsolete_standard(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A current standard cites (`references`) a standard repealed or superseded on the as-of date.

    A superseded citation names its successor (following `superseded_by` to
    the newest one). Citations of codes not in the warehouse are not judged.
    """
    for rec in wh.standards:
        refs = rec.model.references
        if not refs or not _current(wh, rec, ctx):
            continue
        for index, code in enumerate(refs):
            target = wh.standard(code)
            if target is None:
                continue
            state = ctx.at.state(target)
            if state not in ("repealed", "superseded"):
                continue
            successor = _successor_chain(wh, target)
            when = target.model.repealed
            yield cites_obsolete_standard.problem(
                rec.path,
                ("references", index),
                code=target.code,
                state_zh=(f"于 {when} 废止" if when else "废止")
                if state == "repealed"
                else "被代替",
                state_en=(f"repealed on {when}" if when else "repealed")
                if state == "repealed"
                else "superseded",
                successor_zh=f"，现行替代标准为 {successor.code}" if successor else "",
                successor_en=f"; its successor is {successor.code}" if successor else "",
                fix_zh=f"改为引用 {successor.code}。"
                if successor
                else "删去该引用，或改引现行标准。",
                fix_en=f"Cite {successor.code} instead."
                if successor
                else "Drop the citation or cite a standard in force.",
            )


@rule(
    "Q703",
    "low-evaluation-score",
    Severity.WARNING,
    zh="{date} 实施效果评价得分 {score}，低于 {floor} 分",
    en="the effect evaluation of {date} scored {score}, below {floor}",
    hint_zh="分析评价中发现的问题，整改实施或在复审中考虑修订。",
    hint_en="Act on the evaluation's findings, or consider revising the standard at review.",
)
def low_evaluation_score(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A current standard's latest scored effect evaluation is below `evaluation_score_floor`.

    The latest evaluation with a score, dated on or before the as-of date,
    counts: a later, better evaluation clears an earlier low one. The floor
    defaults to 60 (out of 100).
    """
    floor = ctx.threshold(SCORE_FLOOR, DEFAULT_SCORE_FLOOR)
    for rec in wh.standards:
        evaluations = rec.model.evaluations
        if not evaluations:
            continue
        latest: tuple[int, int] | None = None  # (index, ordinal of date)
        for index, evaluation in enumerate(evaluations):
            if evaluation.score is None or evaluation.date is None or evaluation.date > ctx.as_of:
                continue  # an undated score cannot be placed among the others
            day = evaluation.date.toordinal()
            if latest is None or day >= latest[1]:
                latest = (index, day)
        if latest is None:
            continue
        evaluation = evaluations[latest[0]]
        score = evaluation.score
        if score is not None and score < floor and _current(wh, rec, ctx):
            yield low_evaluation_score.problem(
                rec.path,
                ("evaluations", latest[0]),
                date=evaluation.date,
                score=f"{score:g}",
                floor=f"{floor:g}",
            )
