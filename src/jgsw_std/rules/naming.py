"""Names and places: file names are slugs, folders are areas, codes are unique."""

from __future__ import annotations

from collections.abc import Iterator

from jgsw_std.load.warehouse import StandardRecord, Warehouse
from jgsw_std.model.codes import code_slug, joint_twin, slug_matches
from jgsw_std.problems import Problem, Severity
from jgsw_std.rules.registry import CheckContext, rule


def _stem(rel: str) -> str:
    name = rel.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0]


@rule(
    "N201",
    "file-name-not-slug",
    Severity.ERROR,
    zh="文件名 {name} 与{what}不符，应为 {expected}",
    en="file name {name} does not match the {what_en}; expected {expected}",
    hint_zh="把文件改名为 {expected}（git mv 旧名 新名，保留历史）。",
    hint_en="Rename the file to {expected} (git mv keeps its history).",
)
def file_name_not_slug(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """The file name is not the slug of the standard's code, or the record's slug or id.

    `DB50/T 1056-2020` lives in `db50-t-1056-2020.yaml`; district `shapingba`
    in `shapingba.yaml`; so do experts and materials by their `slug`, and a
    feedback item by its `id` (`2024-0012.yaml`). One name per record is what
    lets people and tools find a record from its code.
    """
    for rec in wh.standards:
        stem = _stem(rec.path)
        if not slug_matches(stem, rec.code):
            suffix = rec.path.rsplit(".", 1)[-1]
            yield file_name_not_slug.problem(
                rec.path,
                ("code",),
                name=stem,
                expected=f"{code_slug(rec.code)}.{suffix}",
                what="标准编号",
                what_en="standard code",
            )
    for drec in wh.districts:
        stem = _stem(drec.path)
        if stem != drec.slug:
            suffix = drec.path.rsplit(".", 1)[-1]
            yield file_name_not_slug.problem(
                drec.path,
                ("slug",),
                name=stem,
                expected=f"{drec.slug}.{suffix}",
                what="地区标识（slug）",
                what_en="district slug",
            )
    named: list[tuple[str, str, str, str, str]] = [
        *((r.path, r.slug, "slug", "专家标识（slug）", "expert slug") for r in wh.experts),
        *((r.path, r.slug, "slug", "资料标识（slug）", "material slug") for r in wh.materials),
        *((r.path, r.id, "id", "反馈编号（id）", "feedback id") for r in wh.feedback),
    ]
    for path, ident, key, what, what_en in named:
        stem = _stem(path)
        if stem != ident:
            suffix = path.rsplit(".", 1)[-1]
            yield file_name_not_slug.problem(
                path,
                (key,),
                name=stem,
                expected=f"{ident}.{suffix}",
                what=what,
                what_en=what_en,
            )


@rule(
    "N202",
    "wrong-area-folder",
    Severity.ERROR,
    zh="标准属于方面 {area}，却放在 {folder}",
    en="the standard belongs to area {area} but sits in {folder}",
    hint_zh="移到 data/standards/{area}/ 下（git mv）。",
    hint_en="Move it to data/standards/{area}/ (git mv).",
)
def wrong_area_folder(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A standard file is not in the folder of its `area`.

    Standards live in `data/standards/<area>/`, so that a folder lists an area's
    standards and a change of area shows up as a move in git history.
    """
    for rec in wh.standards:
        parts = rec.path.split("/")
        folder = "/".join(parts[:-1]) + "/"
        area = rec.model.area
        if area is None:
            if len(parts) != 4:
                yield wrong_area_folder.problem(rec.path, ("code",), area="?", folder=folder)
            continue
        if len(parts) != 4 or parts[2] != area:
            yield wrong_area_folder.problem(rec.path, ("area",), area=area, folder=folder)


@rule(
    "N203",
    "duplicate-code",
    Severity.ERROR,
    zh="标准编号 {code} 已在 {other} 中出现",
    en="standard code {code} is already used by {other}",
    hint_zh="一个编号只对应一个文件：合并两个文件，或改正其中一个的编号。",
    hint_en="One code, one file: merge the two files or correct one code.",
)
def duplicate_code(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """Two files hold the same standard code (after normalizing slashes and dashes).

    A file whose name is the code's slug is taken as the original; every other
    file is reported, pointing at it. A Sichuan-Chongqing joint standard's two
    codes (DB50/T 10004-2023 = DB51/T 10004-2023, DOMAIN.md) are one code here.
    """
    groups: dict[str, list[StandardRecord]] = {}
    for code, recs in wh.by_code.items():
        twin = joint_twin(code)
        key = min(code, twin) if twin is not None and twin in wh.by_code else code
        groups.setdefault(key, []).extend(recs)
    for recs in groups.values():
        if len(recs) < 2:
            continue
        recs = sorted(recs, key=lambda r: (not slug_matches(_stem(r.path), r.code), r.path))
        first = recs[0]
        for rec in recs[1:]:
            code = rec.code if rec.code == first.code else f"{rec.code} (= {first.code})"
            yield duplicate_code.problem(rec.path, ("code",), code=code, other=first.path)


@rule(
    "N204",
    "duplicate-slug",
    Severity.ERROR,
    zh="地区标识 {slug} 已在 {other} 中出现",
    en="district slug {slug} is already used by {other}",
    hint_zh="每个地区一个文件，slug 各不相同。",
    hint_en="One file per district, each with its own slug.",
)
def duplicate_slug(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """Two district files declare the same slug.

    The file whose name matches the slug is taken as the original; the others
    are reported.
    """
    first: dict[str, str] = {}
    ordered = sorted(wh.districts, key=lambda r: (_stem(r.path) != r.slug, r.path))
    for rec in ordered:
        if rec.slug in first:
            yield duplicate_slug.problem(rec.path, ("slug",), slug=rec.slug, other=first[rec.slug])
        else:
            first[rec.slug] = rec.path


@rule(
    "N205",
    "level-mismatch",
    Severity.ERROR,
    zh="层级 {level} 与编号 {code} 不符（编号表明是 {expected}）",
    en="level {level} does not match code {code} (the code says {expected})",
    hint_zh="改为 level: {expected}，或核对编号。",
    hint_en="Set level: {expected}, or check the code.",
)
def level_mismatch(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """The `level` field says one thing and the code another.

    `DB50/T ...` is local, `GB/T ...` national, `T/...` group, `Q/...`
    enterprise. The code wins: it is printed on the standard itself.
    """
    for rec in wh.standards:
        level = rec.model.level
        if level is not None and level != rec.parsed.level:
            yield level_mismatch.problem(
                rec.path, ("level",), level=level, code=rec.code, expected=rec.parsed.level
            )


@rule(
    "N206",
    "feedback-year-folder",
    Severity.ERROR,
    zh="反馈编号 {id} 属于 {year} 年，却放在 {folder}",
    en="feedback {id} belongs to {year} but sits in {folder}",
    hint_zh="移到 data/feedback/{year}/ 下（git mv），或改正编号。",
    hint_en="Move it to data/feedback/{year}/ (git mv), or correct the id.",
)
def feedback_year_folder(wh: Warehouse, ctx: CheckContext) -> Iterator[Problem]:
    """A feedback item is not in the folder of its id's year.

    Feedback lives in `data/feedback/<year>/<id>.yaml`, the id being
    `<year>-<4 digits>`, so that a year's items sit together and ids are
    numbered within their year.
    """
    for rec in wh.feedback:
        parts = rec.path.split("/")
        year = rec.id.split("-", 1)[0]
        if parts[2] != year:
            folder = "/".join(parts[:-1]) + "/"
            yield feedback_year_folder.problem(
                rec.path, ("id",), id=rec.id, year=year, folder=folder
            )
