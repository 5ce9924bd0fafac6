"""`jgsw diff --format md`: the pull-request comment, kept within a size limit.

GitHub refuses a comment over 65,536 characters, and a diff of twenty commits
on a large warehouse is several times that. The comment says what matters
first and leaves out what does not fit, saying so:

1. the summary and the indicators that moved (always; one row each);
2. the warehouse's own figures that moved (专家库, 信息反馈), one row each, as
   many as fit beside the records' area summaries;
3. the new problems, as many as fit in two thirds of the room left;
4. the records, grouped by area: every area's one-line summary always, its
   records as far as the room allows;
5. the fixed problems and the problems whose details changed, if room is left;
6. how many were left out, and the command that shows everything.

Every table, also one folded into ``<details>``, has its header row: GitHub
renders table rows without one as plain text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from jgsw_std.history.compare import RecordDiff, SemanticDiff
from jgsw_std.i18n import pick
from jgsw_std.output.diff import (
    CHANGE_WORDS,
    change_word,
    delta,
    figure,
    indicator_name,
    nothing_text,
    problem_line,
    record_details,
    record_name,
    registry_delta,
    registry_figure,
    side_text,
    summary_parts,
)
from jgsw_std.problems import Problem

#: Default of --max-chars: under GitHub's 65,536, with room for a bot's own lines.
MAX_CHARS = 60_000
#: A list longer than this folds the rest into <details>.
FOLD_AFTER = 30
#: Kept free for the closing paragraph (what was left out, and the command).
FOOTER_ROOM = 600
#: Kept free after a list for its "N more not listed" line.
NOTE_ROOM = 60

_RECORD_COLUMNS = (("记录", "record"), ("变化", "change"), ("内容", "what changed"))
_INDICATOR_COLUMNS = (
    ("指标", "indicator"),
    ("之前", "before"),
    ("之后", "after"),
    ("变化", "change"),
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table_head(lang: str, names: tuple[tuple[str, str], ...]) -> list[str]:
    return [_row([pick(lang, *name) for name in names]), "|" + "---|" * len(names)]


def _size(lines: list[str]) -> int:
    return sum(len(line) + 1 for line in lines)  # each line and its newline


def _more(count: int, lang: str) -> list[str]:
    return ["", pick(lang, f"其余 {count} 项未列出。", f"{count} more not listed.")]


@dataclass
class Budget:
    """The characters still free; None for no limit."""

    left: int | None

    def fits(self, lines: list[str], keep: int = 0) -> bool:
        return self.left is None or _size(lines) + keep <= self.left

    def take(self, lines: list[str]) -> None:
        if self.left is not None:
            self.left -= _size(lines)


def fill(rows: list[str], budget: Budget, lang: str) -> tuple[list[str], int]:
    """As many rows as the budget holds, those after FOLD_AFTER folded into <details>;
    returns the lines and the number of rows left out."""
    shown: list[str] = []
    count = 0
    for row in rows:
        extra = [row]
        if count == FOLD_AFTER:
            extra = ["", f"<details><summary>{pick(lang, '其余', 'more')}</summary>", "", row]
        closing = ["", "</details>"] if count >= FOLD_AFTER else []
        if not budget.fits([*extra, *closing], keep=NOTE_ROOM):
            break
        budget.take(extra)
        shown.extend(extra)
        count += 1
    if count > FOLD_AFTER:
        budget.take(["", "</details>"])
        shown += ["", "</details>"]
    return shown, len(rows) - count


@dataclass
class Area:
    """The records of one area folder (or the districts, or the other files)."""

    key: str
    label: str
    records: list[RecordDiff] = field(default_factory=list)

    def summary(self, lang: str) -> str:
        counts: Counter[str] = Counter(r.change for r in self.records)
        joined = pick(lang, "，", ", ").join(
            f"{pick(lang, *words)} {counts[kind]}"
            for kind, words in CHANGE_WORDS.items()
            if counts[kind]
        )
        return f"{self.label}{pick(lang, '：', ': ')}{joined}"


def area_of(record: RecordDiff) -> str:
    """The group a record is listed under: its area folder, districts, or other files."""
    parts = record.path.split("/")
    if record.kind == "standard" and len(parts) >= 4 and parts[1] == "standards":
        return parts[2]
    return "districts" if record.kind == "district" else "other"


def group_by_area(result: SemanticDiff, lang: str) -> list[Area]:
    """The records by area, in the framework's order, then districts, then other files."""
    named = result.area_names
    groups: dict[str, Area] = {}
    for record in result.records:
        key = area_of(record)
        if key not in groups:
            if key == "districts":
                label = pick(lang, "地区", "Districts")
            elif key == "other":
                label = pick(lang, "其他文件", "Other files")
            else:
                label = pick(lang, *named[key]) if key in named else key
            groups[key] = Area(key, label)
        groups[key].records.append(record)
    rank = {key: index for index, key in enumerate([*named, "districts", "other"])}
    return sorted(groups.values(), key=lambda a: (rank.get(a.key, len(named)), a.key))


def _record_row(record: RecordDiff, lang: str) -> str:
    details = "<br>".join(f"`{_cell(line)}`" for line in record_details(record, lang))
    return _row([_cell(record_name(record)), change_word(record, lang), details])


def _problem_row(problem: Problem, lang: str) -> str:
    return f"- `{_cell(problem_line(problem, lang))}`"


def _reworded_row(pair: tuple[Problem, Problem], lang: str) -> str:
    old, new = pair
    was = pick(lang, "原为：", "was: ")
    return f"- `{_cell(problem_line(new, lang))}`<br>{was}{_cell(old.message(lang))}"


def _head(result: SemanticDiff, lang: str) -> list[str]:
    return [
        f"### {pick(lang, '标准仓变更', 'Warehouse changes')}",
        "",
        f"{side_text(result.base, lang)} → {side_text(result.head, lang)} · "
        + pick(
            lang,
            f"问题和指标按 {result.as_of} 计算",
            f"problems and indicators as of {result.as_of}",
        ),
        "",
    ]


def _indicators(result: SemanticDiff, lang: str) -> list[str]:
    if not result.indicators:
        return []
    lines = [f"#### {pick(lang, '指标', 'Indicators')}", "", *_table_head(lang, _INDICATOR_COLUMNS)]
    for diff in result.indicators:
        cells = [
            indicator_name(diff, result, lang),
            figure(diff.before, lang),
            figure(diff.after, lang),
            delta(diff, lang),
        ]
        lines.append(_row([_cell(c) for c in cells]))
    return [*lines, ""]


def _registries(
    result: SemanticDiff, budget: Budget, keep: int, lang: str
) -> tuple[list[str], int]:
    """The warehouse's own figures that moved, after the indicators: as many rows as
    fit while ``keep`` characters stay free (the records' area summaries); returns the
    lines and how many were left out."""
    title = pick(lang, "标准仓自有数据（专家库、信息反馈）", "The warehouse's own figures")
    columns = (("数据", "figure"), ("之前", "before"), ("之后", "after"), ("变化", "change"))
    head = [f"#### {title}", "", *_table_head(lang, columns)]
    rows: list[str] = []
    for diff in result.registries:
        cells = [
            diff.label(lang),
            registry_figure(diff.before, lang),
            registry_figure(diff.after, lang),
            registry_delta(diff, lang),
        ]
        row = _row([_cell(c) for c in cells])
        if not budget.fits([*head, *rows, row, ""], keep=keep + NOTE_ROOM):
            break
        rows.append(row)
    left_out = len(result.registries) - len(rows)
    if not rows:
        return [], left_out
    lines = [*head, *rows, *(_more(left_out, lang) if left_out else []), ""]
    budget.take(lines)
    return lines, left_out


def _area_block(area: Area, budget: Budget, lang: str, folded: bool) -> tuple[list[str], int]:
    """An area's summary and as many of its records as fit; returns lines and left out."""
    title = area.summary(lang)
    if folded:
        opening = [f"<details><summary>{title}</summary>", "", *_table_head(lang, _RECORD_COLUMNS)]
        closing = ["", "</details>", ""]
    else:
        opening = [f"**{title}**", "", *_table_head(lang, _RECORD_COLUMNS)]
        closing = [""]
    rows: list[str] = []
    for record in area.records:
        row = _record_row(record, lang)
        if not budget.fits([*opening, *rows, row, *closing], keep=NOTE_ROOM):
            break
        rows.append(row)
    left_out = len(area.records) - len(rows)
    if not rows:
        block = [f"**{title}**", ""]
    else:
        block = [*opening, *rows, *(_more(left_out, lang) if left_out else []), *closing]
    budget.take(block)
    return block, left_out


def _records(areas: list[Area], budget: Budget, lang: str, total: int) -> tuple[list[str], int]:
    """Every area's summary line; its records as far as the budget goes."""
    out = [f"#### {pick(lang, '记录', 'Records')} ({total})", ""]
    budget.take(out)
    # Every area's summary is shown: keep the room for those still to come.
    pending = [_size([f"**{a.summary(lang)}**", ""]) for a in areas]
    if budget.left is not None:
        budget.left -= sum(pending)
    omitted = 0
    for area, room in zip(areas, pending, strict=True):
        if budget.left is not None:
            budget.left += room  # this area's summary is written now
        block, left_out = _area_block(area, budget, lang, folded=total > FOLD_AFTER)
        out += block
        omitted += left_out
    return out, omitted


def _command(result: SemanticDiff) -> str:
    """The command that shows the whole comparison, naming the commits themselves."""
    revs = [side.commit.short for side in (result.base, result.head) if side.commit is not None]
    return " ".join(["jgsw diff", *revs])


def _footer(result: SemanticDiff, omitted: dict[str, int], limit: int, lang: str) -> list[str]:
    names = {
        "registries": ("自有数据", "own figures"),
        "new": ("新增问题", "new problems"),
        "records": ("记录", "records"),
        "fixed": ("已解决问题", "fixed problems"),
        "reworded": ("内容变化的问题", "changed problems"),
    }
    joined = pick(lang, "、", ", ").join(
        pick(lang, f"{names[k][0]} {n} 项", f"{n} {names[k][1]}") for k, n in omitted.items() if n
    )
    command = _command(result)
    return [
        "---",
        "",
        pick(
            lang,
            f"本评论以 {limit:,} 个字符为限，另有{joined}未列出。查看全部：`{command}`；"
            "完整的 Markdown：加 `--format md --max-chars 0`。",
            f"This comment is kept within {limit:,} characters; {joined} are not listed. "
            f"See everything with `{command}`; the whole Markdown with "
            "`--format md --max-chars 0`.",
        ),
        "",
    ]


def write_md(result: SemanticDiff, lang: str, max_chars: int = MAX_CHARS) -> str:
    """The Markdown comment, within ``max_chars`` characters (0: no limit)."""
    out = _head(result, lang)
    if result.empty:
        return "\n".join([*out, nothing_text(result, lang), ""])
    summary = pick(lang, "**概览**：", "**Summary**: ") + " · ".join(summary_parts(result, lang))
    out += [summary, "", *_indicators(result, lang)]
    budget = Budget(None if max_chars <= 0 else max_chars - FOOTER_ROOM - _size(out))
    omitted = {"registries": 0, "new": 0, "records": 0, "fixed": 0, "reworded": 0}
    areas = group_by_area(result, lang)
    if result.registries:
        summaries = sum(_size([f"**{a.summary(lang)}**", ""]) for a in areas) + 300
        lines, omitted["registries"] = _registries(result, budget, summaries, lang)
        out += lines

    if result.introduced:
        head = [f"#### {pick(lang, '新增问题', 'New problems')} ({len(result.introduced)})", ""]
        budget.take(head)
        # At most two thirds of the room the records' summaries leave: the rest
        # shows which records changed.
        share = Budget(None)
        if budget.left is not None:
            records_room = sum(_size([f"**{a.summary(lang)}**", ""]) for a in areas) + 300
            share = Budget(max(0, (budget.left - records_room) * 2 // 3))
        rows, omitted["new"] = fill([_problem_row(p, lang) for p in result.introduced], share, lang)
        rows += [*(_more(omitted["new"], lang) if omitted["new"] else []), ""]
        budget.take(rows)
        out += [*head, *rows]
    if areas:
        lines, omitted["records"] = _records(areas, budget, lang, len(result.records))
        out += lines
    later = (
        ("fixed", ("已解决问题", "Fixed problems"), [_problem_row(p, lang) for p in result.fixed]),
        (
            "reworded",
            ("内容变化的问题", "Changed problems"),
            [_reworded_row(pair, lang) for pair in result.reworded],
        ),
    )
    for key, title, rows_of in later:
        if not rows_of:
            continue
        head = [f"#### {pick(lang, *title)} ({len(rows_of)})", ""]
        if not budget.fits([*head, rows_of[0]], keep=NOTE_ROOM):
            omitted[key] = len(rows_of)
            continue
        budget.take(head)
        rows, omitted[key] = fill(rows_of, budget, lang)
        out += [*head, *rows, *(_more(omitted[key], lang) if omitted[key] else []), ""]
    if any(omitted.values()):
        out += _footer(result, omitted, max_chars, lang)
    return "\n".join(out)
