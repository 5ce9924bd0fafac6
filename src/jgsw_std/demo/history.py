"""`jgsw demo DIR --history`: the git history that could have produced the demo warehouse.

Each synthetic record is replayed from January 2021: a record exists in the
history from the day it was entered, and every dated fact in it (a review, a
usage count, a training, a publication) is committed a few days after its
date, by one of several invented authors, with pinned author and committer
dates. Own standards published during the plan go through the lifecycle
(planned, drafting, consultation, technical review, approval, published); a
few standards are reclassified and move to another area folder; some changes
arrive through merged topic branches. The last commit holds exactly the files
`jgsw demo` writes, so the working tree is clean.

The generator's records run to 2026-06-30, so the history runs from
2021-01-04 to the day the last of them was entered (mid-2026): a fact is
never committed before it happened, which keeps `--rev` (what had been
recorded) and `--as-of` (what was true) honestly apart.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jgsw_std.demo.file_replay import (
    LAST_ENTRY,
    START,
    Event,
    Fact,
    FileTimeline,
    Lags,
    constant,
    split_document,
)
from jgsw_std.demo.generator import DemoWarehouse
from jgsw_std.demo.history_commits import commit_message, files_of, runs_of
from jgsw_std.edit.quoting import render_document
from jgsw_std.history.fastimport import CommitSpec, Merge, Person, import_commits
from jgsw_std.progress import SILENT, Progress

ZONE = dt.timezone(dt.timedelta(hours=8))  # Chongqing
OWN_LEVELS = ("local", "group", "internal")
STAGES = ("planned", "drafting", "consultation", "technical-review", "approval")
STAGE_ZH = {
    "planned": "立项",
    "drafting": "起草",
    "consultation": "征求意见",
    "technical-review": "技术审查",
    "approval": "报批",
}
MAIL = "cqjgsw.example"  # a reserved domain: these people are invented
CITY = [
    Person("张敏", f"zhangmin@{MAIL}"),
    Person("李强", f"liqiang@{MAIL}"),
    Person("王芳", f"wangfang@{MAIL}"),
    Person("刘洋", f"liuyang@{MAIL}"),
]
DISTRICT_STAFF = [
    Person("陈静", f"chenjing@{MAIL}"),
    Person("杨磊", f"yanglei@{MAIL}"),
    Person("赵倩", f"zhaoqian@{MAIL}"),
]
REVIEWER = Person("周伟", f"zhouwei@{MAIL}")
#: One group in this many goes through a topic branch and a merge commit.
MERGE_EVERY = 8
#: District lists whose entries are entered one by one, with the field that dates them.
DISTRICT_LISTS = (
    ("demo_sites", "established"),
    ("activities", "date"),
    ("summaries", "sent"),
    ("articles", "date"),
)
_EVIDENCE = re.compile(r"^\s*evidence: \[\{date: (\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class _Timing:
    appear: dt.date
    pub_at: dt.date | None
    stages: list[tuple[dt.date, str]]


@dataclass
class HistorySummary:
    commits: int
    merges: int
    first: dt.date
    last: dt.date
    authors: int


class _Replay:
    """Every file of the demo as a timeline, from the day it was entered."""

    def __init__(self, demo: DemoWarehouse, seed: int) -> None:
        self.lag = Lags(seed)
        self.rng = random.Random(seed * 7919 + 17)
        self.files: list[FileTimeline] = []
        texts = {f.rel: f.text for f in demo.files}
        standards: list[tuple[str, str, list[str], dict[str, Any]]] = []
        for rel, text in texts.items():
            if rel.startswith("data/standards/"):
                header, data = split_document(text)
                standards.append((rel, text, header, data))
            elif rel.startswith("data/districts/"):
                header, data = split_document(text)
                self.files.append(self._district(rel, text, header, data))
            elif rel == "data/indicators.yaml":
                self.files.append(self._indicators(rel, text))
            elif rel.startswith(("data/experts/", "data/materials/", "data/feedback/")):
                self.files.append(self._registry(rel, text))
            else:
                self.files.append(FileTimeline(rel, text, constant(rel, text)))
        timing = {data["code"]: self._timing(rel, data) for rel, _, _, data in standards}
        # Both sides of a supersession are entered together, once both records
        # exist and the new one is published, so no revision is half-linked.
        links: dict[tuple[str, str], dt.date] = {}
        for _, _, _, data in standards:
            new = data.get("superseded_by")
            if isinstance(new, str) and new in timing:
                old_t, new_t = timing[data["code"]], timing[new]
                links[(data["code"], new)] = max(
                    old_t.appear, new_t.pub_at or LAST_ENTRY, old_t.pub_at or old_t.appear
                )
        for rel, text, header, data in standards:
            self.files.append(self._standard(rel, text, header, data, timing, links))

    # -- standards ----------------------------------------------------------------
    def _timing(self, rel: str, rec: dict[str, Any]) -> _Timing:
        """When the record was entered, went through its stages and was published."""
        lag = self.lag
        own = rec.get("level") in OWN_LEVELS
        published = rec.get("published")
        pub_at = None
        if isinstance(published, dt.date):
            if own:
                pub_at = lag.entered(published, rel + "|published", 0, 14)
            else:  # national and industry standards are adopted a while after issue
                pub_at = lag.entered(published, rel + "|adopted", 20, 150)
        stages: list[tuple[dt.date, str]] = []
        if pub_at is not None and own:
            appear = max(START, pub_at - dt.timedelta(days=lag.days(rel + "|lead", 240, 420)))
            span = (pub_at - appear).days
            for stage, share in zip(STAGES, (0.0, 0.3, 0.55, 0.75, 0.9), strict=True):
                stages.append((appear + dt.timedelta(days=int(span * share)), stage))
        elif pub_at is not None:
            appear = pub_at
        else:  # still in the pipeline: entered in 2023-2026, advanced to its current stage
            appear = lag.entered(dt.date(2023, 1, 1), rel + "|appear", 0, 1150)
            final = STAGES.index(rec["status"]) if rec.get("status") in STAGES else 0
            step = lag.days(rel + "|step", 30, 90)
            stages = [
                (min(appear + dt.timedelta(days=step * i), LAST_ENTRY), STAGES[i])
                for i in range(final + 1)
            ]
        return _Timing(appear, pub_at, stages)

    def _standard(
        self,
        rel: str,
        text: str,
        header: list[str],
        rec: dict[str, Any],
        timing: dict[str, _Timing],
        links: dict[tuple[str, str], dt.date],
    ) -> FileTimeline:
        lag, code = self.lag, rec["code"]
        own = rec.get("level") in OWN_LEVELS
        appear, pub_at, stages = timing[code].appear, timing[code].pub_at, timing[code].stages
        facts: list[Fact] = []
        title = f"{code} {rec.get('title', '')}"
        if appear > START and (pub_at is None or appear < pub_at):
            facts.append(Fact(appear, "planned", title))
        for day, stage in stages:
            if day > appear:
                facts.append(Fact(day, "stage", f"{title} 进入{STAGE_ZH[stage]}"))
        if pub_at is not None and pub_at > START:
            facts.append(Fact(pub_at, "published" if own else "adopted", title))
        dated: dict[str, list[tuple[dt.date, dict[str, Any]]]] = {}
        # A year's usage count is compiled at the year's turn: some units report
        # in December, the rest by mid-February.
        for key, date_of, kind, delay in (
            ("reviews", lambda r: r["date"], "review", 60),
            ("evaluations", lambda r: r["date"], "evaluation", 60),
            ("usage", lambda r: dt.date(r["year"], 12, 1), "usage", 75),
        ):
            entries = []
            for item in rec.get(key, []):
                at = lag.entered(date_of(item), f"{rel}|{key}|{item}", 1, delay)
                entries.append((at, item))
                if at > START:
                    facts.append(Fact(at, kind, self._fact_text(kind, code, item)))
            dated[key] = entries
        repeal_at = sup_at = None
        if isinstance(rec.get("repealed"), dt.date):
            repeal_at = lag.entered(rec["repealed"], rel + "|repealed", 1, 30)
            facts.append(Fact(repeal_at, "repealed", title))
        if rec.get("superseded_by"):
            sup_at = links.get((code, rec["superseded_by"]), LAST_ENTRY)
            facts.append(Fact(sup_at, "superseded", f"{code} 被 {rec['superseded_by']} 代替"))
        supersedes = [(links.get((old, code), appear), old) for old in rec.get("supersedes", [])]
        move_at = None
        general_path = f"data/standards/general/{rel.rsplit('/', 1)[1]}"
        if (
            appear <= START
            and rec.get("area") not in (None, "general")
            and self.rng.random() < 0.03
        ):
            move_at = lag.entered(dt.date(2021, 3, 1), rel + "|move", 0, 1400)
            facts.append(Fact(move_at, "moved", f"{code} 由 general 调整至 {rec['area']}"))

        def state(day: dt.date) -> tuple[str, str] | None:
            if day < appear:
                return None
            out = dict(rec)
            path = rel
            if supersedes:
                linked = [old for at, old in supersedes if at <= day]
                if linked:
                    out["supersedes"] = linked
                else:
                    out.pop("supersedes")
            if move_at is not None and day < move_at:
                out["area"] = "general"
                out.pop("items", None)
                path = general_path
            if pub_at is None or day < pub_at:
                stage = [s for d, s in stages if d <= day]
                out["status"] = stage[-1] if stage else "planned"
                for key in (
                    "published",
                    "effective",
                    "repealed",
                    "superseded_by",
                    "reviews",
                    "evaluations",
                    "usage",
                    "documents",  # the text exists once the standard is published
                ):
                    out.pop(key, None)
            else:
                if repeal_at is not None and day < repeal_at:
                    out["status"] = "published"
                    out.pop("repealed", None)
                if sup_at is not None and day < sup_at:
                    out.pop("superseded_by", None)
                for key, entries in dated.items():
                    kept = [item for at, item in entries if at <= day]
                    if kept:
                        out[key] = kept
                    else:
                        out.pop(key, None)
            return path, render_document(out, header)

        bundles = {at: f"~{old}>{code}" for at, old in supersedes}
        if sup_at is not None:
            bundles[sup_at] = f"~{code}>{rec['superseded_by']}"
        return FileTimeline(rel, text, state, facts, appear, bundles)

    @staticmethod
    def _fact_text(kind: str, code: str, item: dict[str, Any]) -> str:
        if kind == "review":
            word = {"continue": "继续有效", "revise": "修订", "repeal": "废止"}
            return f"{code} {word.get(item['conclusion'], item['conclusion'])}（{item['date']}）"
        if kind == "evaluation":
            return f"{code} 得分 {item.get('score', '-')}（{item['date']}）"
        return f"{code} {item['year']} 年 {item['applying']}/{item['applicable']}"

    # -- districts ----------------------------------------------------------------
    def _district(
        self, rel: str, text: str, header: list[str], rec: dict[str, Any]
    ) -> FileTimeline:
        lag, name = self.lag, rec["name"]
        facts: list[Fact] = []

        def at(day: Any, token: str) -> dt.date:
            return lag.entered(day, f"{rel}|{token}") if isinstance(day, dt.date) else START

        def note(day: dt.date, kind: str, what: str) -> None:
            if day > START:
                facts.append(Fact(day, kind, f"{name}：{what}", district=True))

        mechanism = rec.get("mechanism") or {}
        for key in ("leading_group", "working_body", "budget_channel"):
            if key in mechanism:
                note(at(mechanism[key], key), "mechanism", key)
        if "framework_built" in rec:
            note(at(rec["framework_built"], "framework"), "framework", "标准体系建成")
        for item in rec.get("pilots", []):
            note(
                at(item.get("started") or item.get("applied"), f"pilot|{item}"),
                "pilot",
                item["topic"],
            )
            if "accepted" in item:
                note(at(item["accepted"], f"accepted|{item}"), "pilot", f"{item['topic']} 通过验收")
        for key, date_key, kind in (
            ("demo_sites", "established", "demo_site"),
            ("activities", "date", "activity"),
            ("summaries", "sent", "summary"),
            ("articles", "date", "article"),
        ):
            for item in rec.get(key, []):
                what = item.get("title") or item.get("name") or f"{item.get('year')} 年度工作总结"
                note(at(item[date_key], f"{key}|{item}"), kind, str(what))

        def state(day: dt.date) -> tuple[str, str]:
            out = dict(rec)
            if mechanism:
                mech = {k: v for k, v in mechanism.items() if k == "staff" or at(v, k) <= day}
                if not any(k in mech for k in ("leading_group", "working_body")):
                    mech.pop("staff", None)
                if mech:
                    out["mechanism"] = mech
                else:
                    out.pop("mechanism", None)
            if "framework_built" in rec and at(rec["framework_built"], "framework") > day:
                out.pop("framework_built")
            pilots = []
            for item in rec.get("pilots", []):
                if at(item.get("started") or item.get("applied"), f"pilot|{item}") <= day:
                    if "accepted" in item and at(item["accepted"], f"accepted|{item}") > day:
                        item = {k: v for k, v in item.items() if k != "accepted"}
                    pilots.append(item)
            lists: dict[str, list[dict[str, Any]]] = {"pilots": pilots}
            for key, date_key in DISTRICT_LISTS:
                lists[key] = [
                    item for item in rec.get(key, []) if at(item[date_key], f"{key}|{item}") <= day
                ]
            for key, items in lists.items():
                if items:
                    out[key] = items
                else:
                    out.pop(key, None)
            return rel, render_document(out, header)

        return FileTimeline(rel, text, state, facts)

    # -- registries ---------------------------------------------------------------
    def _registry(self, rel: str, text: str) -> FileTimeline:
        from jgsw_std.demo import history_registries as reg

        header, data = split_document(text)
        if rel.startswith("data/experts/"):
            return reg.expert_file(self.lag, rel, text, header, data)
        if rel.startswith("data/materials/"):
            return reg.material_file(self.lag, rel, text, header, data)
        return reg.feedback_file(self.lag, rel, text, header, data)

    # -- indicators ---------------------------------------------------------------
    def _indicators(self, rel: str, text: str) -> FileTimeline:
        facts: list[Fact] = []
        lines = text.split("\n")
        entered: dict[int, dt.date] = {}
        for index, line in enumerate(lines):
            found = _EVIDENCE.match(line)
            if found:
                entered[index] = self.lag.entered(dt.date.fromisoformat(found[1]), line, 3, 30)
                facts.append(Fact(entered[index], "evidence", "里程碑佐证"))

        def state(day: dt.date) -> tuple[str, str]:
            kept = [line for i, line in enumerate(lines) if entered.get(i, START) <= day]
            return rel, "\n".join(kept)

        return FileTimeline(rel, text, state, facts)


def plan_history(
    demo: DemoWarehouse, extra_files: dict[str, bytes], commits: int, seed: int
) -> list[CommitSpec]:
    """The commits, oldest first; the last leaves the tree exactly as the demo writes it."""
    replay = _Replay(demo, seed)
    rng = random.Random(seed)
    initial: list[Event] = []
    later: list[Event] = []
    for one in replay.files:
        for event in one.events():
            (initial if event.at <= START else later).append(event)
    later.sort(key=lambda e: (e.at, e.bundle or e.path, e.path))
    # commits = 1 (the import) + groups + merges, about one group in MERGE_EVERY merged
    groups = max(1, commits - 1)
    while groups > 1 and 1 + groups + groups // MERGE_EVERY > commits:
        groups -= 1
    chunks = runs_of(later, groups)
    count = max(0, min(commits - 1 - len(chunks), len(chunks)))
    merged = {(j + 1) * len(chunks) // (count + 1) for j in range(count)}

    standards = sum(1 for e in initial if e.path.startswith("data/standards/"))
    files = files_of(initial)
    files.update(extra_files)
    when = dt.datetime.combine(START, dt.time(9, 30), ZONE)
    out = [
        CommitSpec(
            CITY[0],
            when,
            f"建立标准仓：导入 2021 年初已有的标准 {standards} 项和全部地区档案\n\n"
            "合成示例数据（jgsw demo --history 生成），人员和记录均为虚构。\n",
            files,
        )
    ]
    for index, chunk in enumerate(chunks):
        day = chunk[-1].at
        moment = dt.datetime.combine(day, dt.time(9, 0), ZONE) + dt.timedelta(
            minutes=rng.randint(0, 8 * 60)
        )
        if moment <= when:
            moment = when + dt.timedelta(minutes=rng.randint(5, 40))
        district = sum(1 for e in chunk for f in e.facts if f.district)
        city = sum(1 for e in chunk for f in e.facts if not f.district)
        author = rng.choice(DISTRICT_STAFF if district > city else CITY)
        message = commit_message(chunk)
        merge = None
        if index in merged:
            when_merged = moment + dt.timedelta(minutes=rng.randint(20, 180))
            subject = message.split("\n", 1)[0]
            merge = Merge(REVIEWER, when_merged, f"合并拉取请求 #{index + 1}：{subject}\n")
            when = when_merged
        else:
            when = moment
        out.append(CommitSpec(author, moment, message, files_of(chunk), merge))
    return out


def build_history(
    dest: Path,
    demo: DemoWarehouse,
    commits: int = 240,
    seed: int = 1,
    progress: Progress = SILENT,
) -> HistorySummary:
    """Give the demo warehouse already written in ``dest`` its git history."""
    extra: dict[str, bytes] = {}
    for path in sorted(dest.rglob("*")):
        rel = path.relative_to(dest).as_posix()
        if path.is_file() and not rel.startswith(("data/", ".git/")):
            extra[rel] = path.read_bytes()
    with progress.step(f"编排 {commits} 次提交", f"planning {commits} commits"):
        specs = plan_history(demo, extra, commits, seed)
    with progress.step("写入 git 历史", "writing the git history"):
        import_commits(dest, specs)
    merges = sum(1 for s in specs if s.merge is not None)
    last = specs[-1].merge.when if specs[-1].merge else specs[-1].when
    people = {s.author for s in specs} | {s.merge.by for s in specs if s.merge}
    return HistorySummary(
        len(specs) + merges, merges, specs[0].when.date(), last.date(), len(people)
    )
