"""The demo's registries: an expert pool, a 资料库 with real files, and feedback threads.

Everything is invented and labelled as such (`source`, the header comment, the
files' own text). The records are clean except for a few planted on purpose,
so that every warning and info of the E, M and F families shows on the demo
as of 2025-12-31 (no error: the demo checks without errors):

- E902: a review names an expert whose term had ended; E903: a review names an
  expert from the drafting organization; E904: 后勤服务 has two experts left;
- M905: a few current local standards have no text;
- F905: an item still unanswered; F906: an item answered "revise" with no
  revision; F907: open items on standards falling due for review;
- `jgsw due` as of 2026-06-30: an expert's term ending within 90 days.

The choices draw on a random generator of their own, so the standards, the
districts and their dates are the same with or without the registries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field
from typing import Any

from jgsw_std.model.base import SYNTHETIC

AS_OF = dt.date(2025, 12, 31)  # the date the planted findings are meant for
LAST = dt.date(2026, 6, 30)  # the generator's data end
CITY_BUREAU = "重庆市机关事务管理局（示例）"

#: slug, name, organization, fields, appointed, term_ends, left
EXPERTS: tuple[tuple[str, str, str, tuple[str, ...], str, str | None, str | None], ...] = (
    ("chen-ming", "陈明", "重庆市机关事务标准化研究中心（示例）", ("office-space", "assets"),
     "2021-03-01", None, None),
    ("liu-fang", "刘芳", "重庆大学建设管理学院（示例）", ("office-space",), "2021-03-01",
     None, None),
    ("wang-jun", "王军", "重庆市公务用车服务中心（示例）", ("vehicles",), "2021-03-01", None, None),
    ("zhao-lei", "赵磊", "重庆交通大学（示例）", ("vehicles", "emergency"), "2021-03-01",
     None, None),
    ("sun-li", "孙丽", "重庆市节能技术服务中心（示例）", ("energy",), "2021-03-01", None, None),
    ("zhou-hua", "周华", "重庆市标准化研究院（示例）", ("energy", "general"), "2021-03-01",
     None, None),
    # a term ending after the data's end (so no review's choice of experts changes):
    # the renewal `jgsw due --as-of 2026-06-30` lists
    ("wu-qiang", "吴强", "重庆市标准化研究院（示例）", ("logistics", "general"), "2021-03-01",
     "2026-08-31", None),
    ("zheng-yan", "郑燕", "重庆市机关后勤服务协会（示例）", ("logistics", "reception"),
     "2021-03-01", None, None),
    # leaves in 2025: 后勤服务 is down to two experts (E904)
    ("he-jing", "何静", "重庆旅游职业学院（示例）", ("reception", "logistics"), "2022-05-20",
     None, "2025-06-30"),
    ("ma-tao", "马涛", "重庆市应急管理研究所（示例）",
     ("emergency", "office-space", "vehicles", "energy"), "2022-05-20", None, None),
    # a term that ended: named on a later review (E902)
    ("huang-bin", "黄斌", "重庆市公共资源交易中心（示例）", ("assets",), "2021-03-01",
     "2023-12-31", None),
    # works for the bureau that drafts the city's standards (E903)
    ("lin-xue", "林雪", CITY_BUREAU, ("general",), "2023-09-01", None, None),
)  # fmt: skip

MATERIALS: tuple[tuple[str, str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("plan-interpretation", "“十四五”规划解读（示例）", "policy", "2021-06-01", ("general",),
     ("规划", "解读")),
    ("vehicles-research", "公务用车标准化研究报告（示例）", "research", "2022-09-15",
     ("vehicles",), ("研究",)),
    ("training-slides-2023", "2023年标准化培训课件（示例）", "training", "2023-06-10",
     ("general",), ("培训",)),
    ("energy-case", "节约型机关创建案例（示例）", "case", "2024-04-20", ("energy",), ("案例",)),
)  # fmt: skip

FEEDBACK_TEXTS = (
    "条款 {clause} 的频次要求在基层难以执行。",
    "建议在条款 {clause} 增加示例表格。",
    "对条款 {clause} 的适用范围有疑问。",
    "条款 {clause} 与现行管理办法的表述不一致。",
    "建议明确条款 {clause} 中的考核口径。",
)
ANSWERS = {
    "interpretation": "已书面解释条款含义。",
    "no-change": "经研究，暂不修改，按现行条款执行。",
    "other": "已转相关部门研究处理。",
    "revise": "纳入下次修订统筹考虑。",
}
OWN = ("local", "group", "internal")


@dataclass
class Registries:
    """The registry files (YAML and attachments) and what was planted where."""

    files: list[tuple[str, str]] = field(default_factory=list)  # (rel, text)
    planted: dict[str, set[str]] = field(default_factory=dict)  # code -> files it shows in

    def plant(self, code: str, rel: str) -> None:
        self.planted.setdefault(code, set()).add(rel)


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _in_pool(expert: tuple[Any, ...], day: dt.date) -> bool:
    appointed, ends, left = _day(expert[4]), _day(expert[5]), _day(expert[6])
    assert appointed is not None
    return appointed <= day and not (ends and ends < day) and not (left and left < day)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _std_rel(record: dict[str, Any], slug: str) -> str:
    return f"data/standards/{record['area']}/{slug}.yaml"


class _Plan:
    def __init__(self, seed: int, district_names: dict[str, str]) -> None:
        self.rng = random.Random(seed * 7331 + 29)
        self.names = district_names
        self.out = Registries()

    # -- standards: drafters, review experts, documents ----------------------------
    def drafters(self, record: dict[str, Any]) -> None:
        owner = record.get("owner")
        if record["level"] not in OWN or owner is None or self.rng.random() > 0.7:
            return
        name = self.names.get(owner, owner)
        bureau = CITY_BUREAU if owner == "chongqing" else f"{name}机关事务管理局（示例）"
        record["drafters"] = [bureau]

    def review_experts(self, record: dict[str, Any]) -> None:
        drafters = set(record.get("drafters", []))
        for review in record.get("reviews", []):
            if self.rng.random() > 0.6:
                continue
            day = review["date"]
            fit = [
                e[0]
                for e in EXPERTS
                if _in_pool(e, day)
                and e[2] not in drafters
                and (record["area"] in e[3] or "general" in e[3])
            ]
            if fit:
                picked = sorted(self.rng.sample(fit, k=min(len(fit), self.rng.choice([1, 2]))))
                review["experts"] = picked

    def documents(self, record: dict[str, Any], slug: str) -> None:
        if record["level"] != "local" or record["status"] not in ("published", "repealed"):
            return
        rel = _std_rel(record, slug)
        if self.rng.random() < 0.1:
            if record["status"] == "published" and "superseded_by" not in record:
                self.out.plant("M905", rel)  # a current local standard without its text
            return
        text = (
            f"{record['code']} {record['title']}\n\n{SYNTHETIC}\n本文件为演示用的虚构标准文本。\n"
        )
        path = f"files/standards/{slug}.txt"
        self.out.files.append((path, text))
        record["documents"] = [
            {"kind": "text", "title": "标准文本（示例）", "path": path, "sha256": _sha(text)},
            {
                "kind": "announcement",
                "title": "发布公告（示例）",
                "url": f"https://www.example.org/jgsw/announcements/{slug}",
            },
        ]


def _plant_reviewers(plan: _Plan, records: list[tuple[dict[str, Any], str]]) -> None:
    """One review naming an expert whose term ended (E902), one naming the drafter's (E903)."""
    late = dt.date(2024, 1, 1)
    done: set[str] = set()
    for record, slug in records:
        for review in record.get("reviews", []):
            if not late <= review["date"] <= AS_OF:
                continue
            if "E902" not in done:
                review["experts"] = sorted({*review.get("experts", []), "huang-bin"})
                plan.out.plant("E902", _std_rel(record, slug))
                done.add("E902")
            elif "E903" not in done and CITY_BUREAU in record.get("drafters", []):
                review["experts"] = sorted({*review.get("experts", []), "lin-xue"})
                plan.out.plant("E903", _std_rel(record, slug))
                done.add("E903")


def _experts(plan: _Plan) -> None:
    for slug, name, org, fields, appointed, ends, left in EXPERTS:
        record: dict[str, Any] = {
            "slug": slug,
            "name": name,
            "organization": org,
            "fields": list(fields),
            "appointed": _day(appointed),
        }
        if ends:
            record["term_ends"] = _day(ends)
        if left:
            record["left"] = _day(left)
        number = 6000 + EXPERTS.index(next(e for e in EXPERTS if e[0] == slug))
        record["contact"] = {
            "phone": f"023-0000-{number}",
            "email": f"{slug}@experts.cqjgsw.example",
        }
        record["source"] = SYNTHETIC
        plan.out.files.append((f"data/experts/{slug}.yaml", _yaml(record, "expert", 2)))
    plan.out.plant("E904", "data/framework.yaml")


def _materials(plan: _Plan) -> None:
    for slug, title, kind, date, areas, tags in MATERIALS:
        record: dict[str, Any] = {
            "slug": slug,
            "title": title,
            "kind": kind,
            "date": _day(date),
            "areas": list(areas),
            "tags": list(tags),
        }
        if kind == "policy":
            record["url"] = f"https://www.example.org/jgsw/materials/{slug}"
        elif kind == "training":
            # a large file kept in Git LFS: only its pointer is in the warehouse
            oid = _sha(f"{slug}: the slides themselves, never fetched")
            pointer = (
                f"version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize 4718592\n"
            )
            record["path"] = f"files/materials/{slug}.pdf"
            record["sha256"] = oid
            plan.out.files.append((record["path"], pointer))
        else:
            text = f"{title}\n\n{SYNTHETIC}\n本文件为演示用的虚构资料。\n"
            record["path"] = f"files/materials/{slug}.txt"
            record["sha256"] = _sha(text)
            plan.out.files.append((record["path"], text))
        record["source"] = SYNTHETIC
        plan.out.files.append((f"data/materials/{slug}.yaml", _yaml(record, "material", 2)))


def _review_overdue(record: dict[str, Any]) -> bool:
    """An own standard in force at AS_OF for five years with no review in them (L601)."""
    effective = record.get("effective")
    if record["level"] not in OWN or record["status"] != "published" or effective is None:
        return False
    if "superseded_by" in record or effective > dt.date(2020, 12, 31):
        return False
    return not any(dt.date(2020, 12, 31) <= r["date"] <= AS_OF for r in record.get("reviews", []))


def _feedback(plan: _Plan, records: list[tuple[dict[str, Any], str]], units: list[str]) -> None:
    rng = plan.rng
    candidates = [
        (r, s)
        for r, s in records
        if r["level"] in OWN and r["status"] == "published" and r["effective"] <= AS_OF
    ]
    if not candidates:
        return
    items: list[dict[str, Any]] = []
    count = min(30, max(4, len(records) // 12))
    for _ in range(count):
        record, _slug = rng.choice(candidates)
        received = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randint(0, 1370))
        received = max(received, record["effective"] + dt.timedelta(days=10))
        action = rng.choice(["interpretation", "interpretation", "no-change", "other"])
        if "superseded_by" in record and rng.random() < 0.5:
            action = "revise"  # and the revision is recorded: no F906
        answered = received + dt.timedelta(days=rng.randint(3, 28))
        closed = answered + dt.timedelta(days=rng.randint(5, 60))
        if closed > LAST:
            continue
        items.append(_item(rng, record, received, units, answered, action, closed))
    late = [(r, s) for r, s in candidates if _review_overdue(r)]
    plain = [(r, s) for r, s in candidates if "superseded_by" not in r]
    if plain:  # F905: nobody has answered yet
        record, _slug = rng.choice(plain)
        items.append(_item(rng, record, dt.date(2025, 11, 3), units))
        # F906: "revise", and no revision a year and a half later
        record, _slug = rng.choice(plain)
        answered = dt.date(2024, 6, 10)
        items.append(_item(rng, record, dt.date(2024, 5, 20), units, answered, "revise"))
    if late:  # F907: answered, but the loop is still open when the review is due
        record, _slug = rng.choice(late)
        received = dt.date(2025, 9, 1)
        items.append(_item(rng, record, received, units, dt.date(2025, 9, 15), "interpretation"))
    items.sort(key=lambda item: (item["received"], item["standard"]))
    numbers: dict[int, int] = {}
    for item in items:
        year = item["received"].year
        numbers[year] = numbers.get(year, 0) + 1
        ident = f"{year}-{numbers[year]:04d}"
        item["id"] = ident
        rel = f"data/feedback/{year}/{ident}.yaml"
        for code, marker in (("F905", "_unanswered"), ("F906", "_revise-open")):
            if item.pop(marker):
                plan.out.plant(code, rel)
        if "closed" not in item:  # open on AS_OF: listed if its standard's review is due
            plan.out.plant("F907", item.pop("_std"))
        else:
            item.pop("_std")
        ordered = {k: item[k] for k in _FEEDBACK_ORDER if k in item}
        plan.out.files.append((rel, _yaml(ordered, "feedback", 3)))


_FEEDBACK_ORDER = (
    "id", "standard", "from", "received", "kind", "clause", "text", "response", "closed", "source"
)  # fmt: skip


def _item(
    rng: random.Random,
    record: dict[str, Any],
    received: dt.date,
    units: list[str],
    answered: dt.date | None = None,
    action: str | None = None,
    closed: dt.date | None = None,
) -> dict[str, Any]:
    clause = f"{rng.randint(4, 7)}.{rng.randint(1, 6)}"
    item: dict[str, Any] = {
        "standard": record["code"],
        "from": rng.choice(units),
        "received": received,
        "kind": rng.choice(["problem", "suggestion", "question"]),
        "clause": clause,
        "text": rng.choice(FEEDBACK_TEXTS).format(clause=clause),
    }
    if answered is not None and action is not None:
        by = record.get("owner") or "chongqing"
        item["response"] = {"date": answered, "by": by, "action": action, "text": ANSWERS[action]}
    if closed is not None:
        item["closed"] = closed
    item["source"] = SYNTHETIC
    item["_std"] = _std_rel(record, record["_slug"])
    item["_unanswered"] = answered is None
    item["_revise-open"] = action == "revise" and closed is None
    return item


def _yaml(record: dict[str, Any], kind: str, depth: int) -> str:
    from jgsw_std.edit.quoting import render_document

    schema = "../" * depth + f"schemas/{kind}.schema.json"
    return render_document(record, [f"yaml-language-server: $schema={schema}", SYNTHETIC])


def add_registries(
    records: list[dict[str, Any]],
    slugs: list[str],
    seed: int,
    district_names: dict[str, str],
) -> Registries:
    """Give the standards drafters, review experts and documents (in place), and write
    the experts, materials and feedback files."""
    plan = _Plan(seed, district_names)
    pairs = list(zip(records, slugs, strict=True))
    for record, slug in pairs:
        record["_slug"] = slug
        plan.drafters(record)
        plan.review_experts(record)
        plan.documents(record, slug)
    if "M905" not in plan.out.planted:  # a small demo: take the text from one standard
        for record, slug in pairs:
            published = record.get("published")
            docs = record.get("documents")
            current = "superseded_by" not in record and record["status"] == "published"
            if docs and current and published is not None and published <= AS_OF:
                record.pop("documents")
                plan.out.files = [f for f in plan.out.files if f[0] != docs[0]["path"]]
                plan.out.plant("M905", _std_rel(record, slug))
                break
    _plant_reviewers(plan, pairs)
    _experts(plan)
    _materials(plan)
    _feedback(plan, pairs, sorted(district_names))
    for record, _ in pairs:
        record.pop("_slug")
    return plan.out
