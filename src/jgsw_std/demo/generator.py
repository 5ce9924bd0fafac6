"""`jgsw demo`: a complete, synthetic warehouse, deterministic for a seed.

The real framework, districts and indicators are copied; every standard and
every district activity is invented and says so in a header comment and in its
`source`. The generated warehouse passes `jgsw check` with no errors, and its
records are spread over 2010-2026 so that every indicator and duty has
something to count.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jgsw_std.demo import vocabulary as vocab
from jgsw_std.demo.registries import add_registries
from jgsw_std.edit.contract import sort_keys
from jgsw_std.edit.quoting import render_document
from jgsw_std.model.base import SYNTHETIC
from jgsw_std.model.codes import code_slug
from jgsw_std.model.district import District
from jgsw_std.model.standard import Standard
from jgsw_std.resources import resource_dir

PROVINCES_JOINT = ["sichuan"]
LEVEL_WEIGHTS = [
    ("internal", 40),
    ("local", 22),
    ("national", 14),
    ("industry", 8),
    ("group", 10),
    ("enterprise", 6),
]
AREA_WEIGHTS = [
    ("general", 8),
    ("reception", 10),
    ("office-space", 16),
    ("vehicles", 16),
    ("energy", 16),
    ("logistics", 18),
    ("assets", 8),
    ("emergency", 8),
]
OWN_LEVELS = ("local", "group", "internal")
#: Share of standards that repeat an earlier title core in their area (for Q701 to find).
DUPLICATE_SHARE = 0.004


@dataclass
class DemoFile:
    rel: str
    text: str


@dataclass
class DemoWarehouse:
    """Generated files plus what tests want to know about them."""

    files: list[DemoFile] = field(default_factory=list)
    seed: int = 0
    standards: int = 0
    #: problem code -> the files where the demo means it to show (the registries' E, M
    #: and F warnings and infos, as of 2025-12-31; everything else there is clean)
    planted: dict[str, set[str]] = field(default_factory=dict)


def _rng_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    span = (end - start).days
    return start + dt.timedelta(days=rng.randint(0, max(span, 0)))


def _weighted(rng: random.Random, table: list[tuple[str, int]]) -> str:
    names = [name for name, _ in table]
    weights = [weight for _, weight in table]
    return rng.choices(names, weights=weights, k=1)[0]


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class _Builder:
    def __init__(self, seed: int, framework: dict[str, Any], districts: list[str]) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.framework = framework
        self.districts = districts
        self.areas = {a["code"]: a for a in framework["areas"]}
        self.counters: dict[str, int] = {}
        self.titles: set[str] = set()
        self.codes: set[str] = set()
        self.district_names: dict[str, str] = {}
        self.area_cores: dict[str, list[str]] = {}
        self.core_pool: dict[str, list[str]] = {}
        self.pool_round: dict[str, int] = {}

    # -- codes --------------------------------------------------------------
    def _next(self, key: str, start: int) -> int:
        self.counters[key] = self.counters.get(key, start) + 1
        return self.counters[key]

    def code_for(self, level: str, year: int, owner: str, joint: bool) -> str:
        if level == "local":
            if joint:
                return f"DB50/T {self._next('joint', 10000)}-{year}"
            return f"DB50/T {self._next('local', 1100)}-{year}"
        if level == "national":
            return f"GB/T {self._next('national', 40000)}-{year}"
        if level == "industry":
            prefix = self.rng.choice(["JGJ/T", "DA/T", "GA/T", "JT/T"])
            return f"{prefix} {self._next('industry.' + prefix, 600)}-{year}"
        if level == "group":
            return f"T/CQJGSW {self._next('group', 0)}-{year}"
        if level == "enterprise":
            return f"Q/CQHQ {self._next('enterprise', 0):04d}-{year}"
        unit = owner.upper().replace("-", "")[:6]
        return f"JGSW/{unit} {self._next('internal.' + unit, 0):03d}-{year}"

    # -- titles -------------------------------------------------------------
    def title_for(self, area: str, category: str, level: str, owner: str) -> str:
        """A title whose core (qualifier, object, aspect) is new in its area.

        Real warehouses hold few near-identical titles, so the demo draws cores
        without replacement; a small share deliberately repeats an earlier core
        with another form word, which is what the duplicate check should find.
        """
        owner_name = self.district_names.get(owner, "") if level == "internal" else ""
        form = self.rng.choice(vocab.FORMS[category])
        used = self.area_cores.setdefault(area, [])
        if used and self.rng.random() < DUPLICATE_SHARE:
            core = self.rng.choice(used)  # a deliberate near-duplicate
        else:
            core = self._fresh_core(area)
            used.append(core)
        title = f"{owner_name}{core}{form}"
        part = 1
        while title in self.titles:  # same core and form: number the parts
            part += 1
            title = f"{owner_name}{core}{form}（第{part}部分）"
        self.titles.add(title)
        return title

    def _fresh_core(self, area: str) -> str:
        pending = self.core_pool.get(area)
        if not pending:
            pending = [
                f"{q}{o}{a}"
                for q in vocab.QUALIFIERS
                for o in vocab.OBJECTS[area]
                for a in vocab.ASPECTS
            ]
            self.rng.shuffle(pending)
            self.core_pool[area] = pending
            self.pool_round[area] = self.pool_round.get(area, 0) + 1
        core = pending.pop()
        rounds = self.pool_round[area]
        return core if rounds == 1 else f"{core}（{rounds}）"

    # -- one standard ---------------------------------------------------------
    def standard(self, index: int, total: int) -> dict[str, Any]:
        rng = self.rng
        level = _weighted(rng, LEVEL_WEIGHTS)
        area = _weighted(rng, AREA_WEIGHTS)
        category = rng.choices(["general", "operation", "evaluation"], [15, 65, 20])[0]
        if area == "general":
            category = rng.choice(["general", "evaluation"])
        owner = rng.choice(self.districts) if level in OWN_LEVELS else None
        if level == "local":
            owner = "chongqing" if rng.random() < 0.6 else owner
        joint = level == "local" and rng.random() < 0.05

        stage = rng.random()
        today = dt.date(2026, 6, 30)
        if stage < 0.08:  # still in the pipeline
            year = rng.randint(2024, 2027)
            status = rng.choice(
                ["planned", "drafting", "consultation", "technical-review", "approval"]
            )
            published = effective = None
        else:
            published = _rng_date(rng, dt.date(2010, 1, 1), today)
            effective = published + dt.timedelta(days=rng.randint(0, 120))
            year = published.year
            status = "published"
        code = self.code_for(level, year, owner or "chongqing", joint)
        record: dict[str, Any] = {
            "code": code,
            "title": self.title_for(area, category, level, owner or ""),
            "level": level,
            "category": category,
            "area": area,
        }
        items = [i["code"] for i in self.areas[area]["items"]] if area in self.areas else []
        if items:
            record["items"] = sorted(rng.sample(items, k=min(len(items), rng.choice([1, 1, 2]))))
        if owner:
            record["owner"] = owner
        if joint:
            record["joint"] = list(PROVINCES_JOINT)
        if level == "group" and self.framework.get("collab_groups"):
            record["collab_group"] = rng.choice(self.framework["collab_groups"])["code"]
        record["status"] = status
        if level in OWN_LEVELS:
            record["plan"] = {"year": year, "kind": rng.choice(["new", "new", "revision"])}
        if published and effective:
            record["published"] = published
            record["effective"] = effective
            if level in OWN_LEVELS:
                self._duties(record, effective, today)
        record["source"] = SYNTHETIC
        return record

    def _duties(self, record: dict[str, Any], effective: dt.date, today: dt.date) -> None:
        """Reviews, evaluations and usage, some on time, some missing."""
        rng = self.rng
        reviews = []
        day = _add_years(effective, rng.choice([3, 4, 5, 5]))
        while day <= today and rng.random() < 0.8:
            reviews.append(
                {
                    "date": day,
                    "conclusion": rng.choices(["continue", "revise", "repeal"], [85, 12, 3])[0],
                }
            )
            day = _add_years(day, rng.choice([4, 5]))
        if reviews:
            record["reviews"] = reviews
        evaluations = []
        first_eval = _add_years(effective, 1) + dt.timedelta(days=rng.randint(0, 400))
        if first_eval <= today and rng.random() < 0.45:
            evaluations.append(
                {
                    "date": first_eval,
                    "method": "DB50/T 1053-2020",
                    "score": round(rng.uniform(55, 98), 1),
                }
            )
        if evaluations:
            record["evaluations"] = evaluations
        usage = []
        for year in range(max(effective.year + 1, 2021), 2026):
            if rng.random() < 0.85:
                applicable = rng.randint(10, 60)
                rate = rng.choice(
                    [rng.uniform(0.1, 0.5), rng.uniform(0.5, 1.0), rng.uniform(0.6, 1.0)]
                )
                usage.append(
                    {"year": year, "applying": int(applicable * rate), "applicable": applicable}
                )
        if usage:
            record["usage"] = usage

    # -- supersession: pair some standards as revisions -----------------------------
    def link_revisions(self, records: list[dict[str, Any]]) -> None:
        """Make a few published own standards supersede an older one of the same area."""
        rng = self.rng
        by_area: dict[str, list[dict[str, Any]]] = {}
        for rec in records:
            if rec["status"] == "published" and rec["level"] in OWN_LEVELS:
                by_area.setdefault(rec["area"], []).append(rec)
        for recs in by_area.values():
            recs.sort(key=lambda r: r["effective"])
            for old, new in itertools.pairwise(recs):
                if rng.random() > 0.06 or "superseded_by" in old or new.get("supersedes"):
                    continue
                if new["effective"] <= old["effective"] or "repealed" in old:
                    continue
                old["superseded_by"] = new["code"]
                new["supersedes"] = [old["code"]]

    def repeal_some(self, records: list[dict[str, Any]]) -> None:
        for rec in records:
            if rec["status"] != "published" or "superseded_by" in rec or rec.get("supersedes"):
                continue
            if self.rng.random() < 0.04:
                repealed = rec["effective"] + dt.timedelta(days=self.rng.randint(400, 3000))
                if repealed <= dt.date(2026, 6, 30):
                    rec["status"] = "repealed"
                    rec["repealed"] = repealed
                    rec["reviews"] = [r for r in rec.get("reviews", []) if r["date"] <= repealed]
                    if not rec["reviews"]:
                        rec.pop("reviews")

    # -- districts ----------------------------------------------------------------
    def district(self, base: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        slug = base["slug"]
        out = {k: v for k, v in base.items() if k not in ("pilots", "source")}
        set_up = _rng_date(rng, dt.date(2018, 6, 1), dt.date(2022, 6, 30))
        mechanism: dict[str, Any] = {
            "leading_group": set_up,
            "working_body": set_up + dt.timedelta(days=rng.randint(0, 200)),
            "staff": {"full_time": rng.randint(0, 3), "part_time": rng.randint(1, 5)},
        }
        if rng.random() < 0.8:
            mechanism["budget_channel"] = set_up + dt.timedelta(days=rng.randint(30, 900))
        out["mechanism"] = mechanism
        if rng.random() < 0.85:
            out["framework_built"] = _rng_date(rng, dt.date(2019, 6, 1), dt.date(2023, 12, 31))
        pilots = []
        for pilot in base.get("pilots", []):
            if pilot.get("level") == "municipal":
                started = _rng_date(rng, dt.date(2019, 3, 1), dt.date(2019, 12, 31))
                pilots.append(
                    {
                        "level": "municipal",
                        "topic": pilot["topic"],
                        "started": started,
                        "accepted": _rng_date(rng, dt.date(2021, 9, 1), dt.date(2021, 12, 20)),
                    }
                )
        if slug == "chongqing":
            pilots.append(
                {
                    "level": "national",
                    "topic": "国家级社会管理和公共服务标准化综合试点（示例）",
                    "applied": dt.date(2024, 4, 15),
                }
            )
        if pilots:
            out["pilots"] = pilots
        if rng.random() < 0.18 or slug == "chongqing":
            out["demo_sites"] = [
                {
                    "name": f"{base['name']}标准化示范点",
                    "established": _rng_date(rng, dt.date(2021, 6, 1), dt.date(2025, 10, 31)),
                }
            ]
        activities: list[dict[str, Any]] = []
        summaries: list[dict[str, Any]] = []
        for year in range(2021, 2026):
            if rng.random() < (0.75 if year == 2021 else 0.93):
                activities.append(
                    {
                        "date": _rng_date(rng, dt.date(year, 2, 1), dt.date(year, 6, 30)),
                        "kind": "meeting",
                        "title": f"{year}年{rng.choice(vocab.MEETING_TITLES)}",
                    }
                )
            if rng.random() < (0.7 if year == 2021 else 0.9):
                activities.append(
                    {
                        "date": _rng_date(rng, dt.date(year, 3, 1), dt.date(year, 11, 30)),
                        "kind": "training",
                        "title": rng.choice(vocab.TRAINING_TITLES),
                        "attendees": rng.randint(15, 60 if slug != "chongqing" else 400),
                    }
                )
            if rng.random() < 0.5:
                activities.append(
                    {
                        "date": dt.date(year, 10, 14),
                        "kind": "publicity",
                        "title": rng.choice(vocab.PUBLICITY_TITLES),
                    }
                )
            if rng.random() < 0.3:
                activities.append(
                    {
                        "date": _rng_date(rng, dt.date(year, 4, 1), dt.date(year, 12, 15)),
                        "kind": "exchange",
                        "title": rng.choice(vocab.EXCHANGE_TITLES),
                    }
                )
            if year < 2026 and rng.random() < 0.88:
                summaries.append(
                    {
                        "year": year,
                        "sent": _rng_date(rng, dt.date(year + 1, 1, 5), dt.date(year + 1, 2, 28)),
                    }
                )
        activities.sort(key=lambda a: a["date"])
        out["activities"] = activities
        summaries = [s for s in summaries if s["sent"] <= dt.date(2026, 6, 30)]
        if summaries:
            out["summaries"] = summaries
        if rng.random() < 0.15 or slug == "chongqing":
            journal, level = rng.choice(vocab.JOURNALS)
            out["articles"] = [
                {
                    "title": f"{base['name']}机关事务标准化实践与思考",
                    "journal": journal,
                    "level": level,
                    "date": _rng_date(rng, dt.date(2021, 3, 1), dt.date(2025, 11, 30)),
                }
            ]
        out["source"] = SYNTHETIC
        # the real file's keys, with the invented ones, in the order of the data contract
        return {key: out[key] for key in sort_keys(list(out), District)}


def _read_yaml(path: Path) -> Any:
    from jgsw_std.load.yamlread import load

    data, _ = load(path.read_text(encoding="utf-8"))
    return data


def _demo_indicators(base_text: str) -> str:
    """The real indicators with invented milestone evidence, so milestones move."""
    evidence = {
        2: ("2022-05-20", "成立全市机关事务管理标准化技术委员会（示例）"),
        4: ("2023-03-01", "印发机关事务标准化工作管理规定（示例）"),
        11: ("2024-12-15", "全国机关事务标准化区域统筹建设试点通过验收（示例）"),
        18: ("2025-06-30", "机关事务标准化信息化动态管理平台上线（示例）"),
    }
    out: list[str] = []
    current: int | None = None
    for line in base_text.splitlines():
        stripped = line.strip()
        if stripped.startswith("- id:"):
            current = int(stripped.split(":", 1)[1])
        out.append(line)
        if stripped == "metric: milestone" and current in evidence:
            day, note = evidence[current]
            out.append(f"    evidence: [{{date: {day}, note: {note}, ref: 示例文号}}]")
    header = [f"# {SYNTHETIC}", "# 里程碑佐证（evidence）为示例；指标原文与目标值取自真实规划。"]
    return "\n".join(header + out) + "\n"


def build_demo(standards: int = 200, seed: int = 1) -> DemoWarehouse:
    """Generate the files of a demo warehouse in memory."""
    base = resource_dir("base_data")
    framework = _read_yaml(base / "framework.yaml")
    district_bases = [_read_yaml(p) for p in sorted((base / "districts").glob("*.yaml"))]
    slugs = [d["slug"] for d in district_bases]
    builder = _Builder(seed, framework, slugs)
    builder.district_names = {d["slug"]: d["name"] for d in district_bases}

    demo = DemoWarehouse(seed=seed, standards=standards)
    header = [SYNTHETIC, f"seed {seed}"]
    demo.files.append(DemoFile("data/framework.yaml", (base / "framework.yaml").read_text("utf-8")))
    demo.files.append(
        DemoFile(
            "data/indicators.yaml", _demo_indicators((base / "indicators.yaml").read_text("utf-8"))
        )
    )
    for district in district_bases:
        record = builder.district(district)
        demo.files.append(
            DemoFile(
                f"data/districts/{district['slug']}.yaml",
                render_document(
                    record,
                    ["yaml-language-server: $schema=../../schemas/district.schema.json", *header],
                ),
            )
        )
    records = [builder.standard(i, standards) for i in range(standards)]
    builder.link_revisions(records)
    builder.repeal_some(records)
    registries = add_registries(
        records, [code_slug(r["code"]) for r in records], seed, builder.district_names
    )
    demo.planted = registries.planted
    for record in records:
        # keys added late (repealed, supersedes) go to their place in the data contract
        record = {key: record[key] for key in sort_keys(list(record), Standard)}
        rel = f"data/standards/{record['area']}/{code_slug(record['code'])}.yaml"
        demo.files.append(
            DemoFile(
                rel,
                render_document(
                    record,
                    [
                        "yaml-language-server: $schema=../../../schemas/standard.schema.json",
                        *header,
                    ],
                ),
            )
        )
    demo.files.extend(DemoFile(rel, text) for rel, text in registries.files)
    return demo


def write_demo(dest: Path, demo: DemoWarehouse) -> int:
    """Write the files under ``dest`` (which must be empty or absent)."""
    dest.mkdir(parents=True, exist_ok=True)
    created: set[Path] = set()
    for demo_file in demo.files:
        path = dest.joinpath(*demo_file.rel.split("/"))
        if path.parent not in created:
            path.parent.mkdir(parents=True, exist_ok=True)
            created.add(path.parent)
        path.write_text(demo_file.text, encoding="utf-8", newline="\n")
    readme = dest / "README.md"
    readme.write_text(
        "# 合成示例标准仓 / Synthetic demo warehouse\n\n"
        f"由 `jgsw demo --standards {demo.standards} --seed {demo.seed}` 生成。除规划指标原文、"
        "体系框架和区县名称外，所有标准与工作记录均为虚构，仅供演示、测试和基准测试使用。\n\n"
        "Generated by jgsw demo. Apart from the plan's indicators, the framework and the district "
        "names, every standard and activity is invented, for demos, tests and benchmarks only.\n",
        encoding="utf-8",
    )
    schemas = resource_dir("base_data").parent / "schemas"
    if schemas.is_dir():  # editors resolve the modelines against these
        shutil.copytree(schemas, dest / "schemas", dirs_exist_ok=True)
    return len(demo.files)
