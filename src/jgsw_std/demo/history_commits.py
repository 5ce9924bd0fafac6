"""Grouping the replayed events into commits: the messages and the runs.

demo/history.py lays the events of every file in time order; these helpers
cut them into commits of nearly equal size (never splitting the two sides of
a supersession), name each commit in Chinese from the facts it enters, and
give the files each commit writes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from jgsw_std.demo.file_replay import Event, Fact

_KIND_ZH = {
    "stage": "制修订进展",
    "published": "发布",
    "adopted": "收录",
    "review": "复审",
    "evaluation": "实施效果评价",
    "usage": "运用率统计",
    "repealed": "废止",
    "superseded": "被代替",
    "moved": "调整业务方面",
    "mechanism": "工作机制",
    "framework": "体系建设",
    "pilot": "试点",
    "demo_site": "示范点",
    "activity": "活动",
    "summary": "年度总结",
    "article": "论文",
    "evidence": "里程碑佐证",
    "new": "新增",
    "planned": "立项",
    "expert": "专家入库",
    "expert_left": "专家出库",
    "material": "资料入库",
    "feedback": "收到反馈",
    "response": "反馈答复",
    "closed": "反馈闭环",
}


def commit_message(events: list[Event]) -> str:
    facts = [f for e in events for f in e.facts]
    if not facts:
        facts = [Fact(e.at, "new", e.path.rsplit("/", 1)[-1]) for e in events if e.text]
    if len(facts) == 1:
        fact = facts[0]
        return f"{_KIND_ZH[fact.kind]}：{fact.what}\n"
    counts = Counter(f.kind for f in facts)
    summary = "、".join(f"{_KIND_ZH[k]} {n} 项" for k, n in counts.most_common())
    body = "\n".join(f"- {_KIND_ZH[f.kind]}：{f.what}" for f in facts[:30])
    more = f"\n- ……另有 {len(facts) - 30} 项" if len(facts) > 30 else ""
    return f"录入记录：{summary}\n\n{body}{more}\n"


def runs_of(events: list[Event], groups: int) -> list[list[Event]]:
    """Split time-ordered events into ``groups`` runs of nearly equal size."""
    groups = max(1, min(groups, len(events)))
    size, extra = divmod(len(events), groups)
    out, start = [], 0
    for index in range(groups):
        end = max(start, start + size + (1 if index < extra else 0))
        # never split a bundle (both sides of a supersession) across two commits
        while 0 < end < len(events) and _together(events[end - 1], events[end]):
            end += 1
        out.append(events[start:end])
        start = end
    if start < len(events):
        out.append(events[start:])
    return [chunk for chunk in out if chunk]


def _together(one: Event, other: Event) -> bool:
    return one.bundle is not None and one.bundle == other.bundle and one.at == other.at


def files_of(events: Iterable[Event]) -> dict[str, bytes | None]:
    files: dict[str, bytes | None] = {}
    for event in events:
        if event.moved_from is not None:
            files.pop(event.moved_from, None)
            files[event.moved_from] = None
        files.pop(event.path, None)  # keep the order of the last write
        files[event.path] = event.text
    return files
